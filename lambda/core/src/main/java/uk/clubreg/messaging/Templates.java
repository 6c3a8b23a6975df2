package uk.clubreg.messaging;

import java.util.List;
import java.util.Optional;
import uk.clubreg.config.Config;
import uk.clubreg.config.Setting;

/**
 * Which Content API template each kind of message uses (SIDs from configuration, read when first needed). A
 * template the business starts later (a re-invitation, the follow-up, a reminder) is the parent's language's when the
 * club has set one for it ({@code TWILIO_*_CONTENT_SID_<LANG>}), the default otherwise; a first invitation is always
 * the default, since nothing is known of the parent yet (docs/decisions/0113-templates-in-the-parent-s-language.md).
 */
public final class Templates {

    /** WhatsApp allows 20 characters per quick-reply button title. */
    static final int MAX_BUTTON_TITLE = 20;
    /** The quick-reply template has a body {{1}} and exactly two buttons, {{2}} and {{3}} (decision 0034). */
    static final int QUICK_REPLY_BUTTONS = 2;

    private final Config config;

    public Templates(Config config) {
        this.config = config;
    }

    /**
     * The invitation template: the existing-registration one for a re-invitation of the same player (decision 0061),
     * in {@code language} (the parent's, null: none chosen) when the club has one.
     */
    public String invitation(boolean reinvitation, String language) {
        return reinvitation ? inLanguage(Setting.TWILIO_EXISTING_CONTENT_SID, language)
                .orElseGet(() -> config.require(Setting.TWILIO_EXISTING_CONTENT_SID))
                : config.require(Setting.TWILIO_INVITE_CONTENT_SID);
    }

    /** Outside the 24-hour window a reply must be a template (decision 0032). */
    public String followUp(String language) {
        return inLanguage(Setting.TWILIO_FOLLOW_UP_CONTENT_SID, language)
                .or(() -> config.get(Setting.TWILIO_FOLLOW_UP_CONTENT_SID))
                .orElseGet(() -> invitation(true, language));
    }

    /** A reminder to finish a registration, outside the window; unset: the follow-up template (decision 0062). */
    public Optional<String> reminder(String language) {
        return inLanguage(Setting.TWILIO_REMINDER_CONTENT_SID, language)
                .or(() -> config.get(Setting.TWILIO_REMINDER_CONTENT_SID));
    }

    private Optional<String> inLanguage(Setting template, String language) {
        return language == null ? Optional.empty() : config.getForLanguage(template, language);
    }

    /** A notice to a team manager or club admin outside their window (decision 0063). */
    public Optional<String> staffNotice() {
        return config.get(Setting.TWILIO_MANAGER_NOTICE_CONTENT_SID);
    }

    /** A console sign-in code: an authentication template with the code in {{1}} (docs/console.md). */
    public Optional<String> signInCode() {
        return config.get(Setting.TWILIO_LOGIN_CONTENT_SID);
    }

    /** The quick-reply template, when one is configured and these buttons fit it. */
    public Optional<String> quickReplyFor(List<String> buttons) {
        boolean fits = buttons.size() == QUICK_REPLY_BUTTONS
                && buttons.stream().allMatch(b -> !b.isBlank() && b.length() <= MAX_BUTTON_TITLE);
        return fits ? config.get(Setting.TWILIO_QUICK_REPLY_CONTENT_SID) : Optional.empty();
    }
}
