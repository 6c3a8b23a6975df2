-- Each family in its own language (docs/decisions/0110-a-parent-s-language.md): the language a parent chose or
-- confirmed, as a code of the club's LANGUAGES (null: not chosen yet, the club's default is used). Erased with the
-- parent's row and exported with it.
ALTER TABLE parents ADD COLUMN language varchar(8) CHECK (language ~ '^[a-z]{2,3}$');

-- Guided mode's two language questions: the numbered list (LANGUAGE) and the offer of the language it detected,
-- which the conversation keeps until the parent answers.
ALTER TABLE conversations ADD COLUMN language_offered varchar(8) CHECK (language_offered ~ '^[a-z]{2,3}$');
ALTER TABLE conversations DROP CONSTRAINT conversations_guided_prompt_check;
ALTER TABLE conversations ADD CONSTRAINT conversations_guided_prompt_check
    CHECK (guided_prompt IN ('help_offer', 'changed_details', 'language_choice', 'language_offer'));
