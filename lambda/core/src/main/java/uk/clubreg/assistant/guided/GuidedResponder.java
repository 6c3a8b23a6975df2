package uk.clubreg.assistant.guided;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import uk.clubreg.assistant.ConversationSettings;
import uk.clubreg.assistant.LanguageDetector;
import uk.clubreg.assistant.RegistrationActions;
import uk.clubreg.assistant.RegistrationActions.DetailsUpdate;
import uk.clubreg.assistant.RegistrationActions.StatusChange;
import uk.clubreg.assistant.Responder;
import uk.clubreg.assistant.ResponderContext;
import uk.clubreg.assistant.SensitiveDetails;
import uk.clubreg.assistant.ToolResult;
import uk.clubreg.assistant.Turn;
import uk.clubreg.conversations.ConversationRepository;
import uk.clubreg.conversations.GuidedPrompt;
import uk.clubreg.conversations.InboundMessage;
import uk.clubreg.conversations.InboundMessage.PhotoReceipt;
import uk.clubreg.conversations.Reply;
import uk.clubreg.players.Fees;
import uk.clubreg.players.LastSeason;
import uk.clubreg.players.Player;
import uk.clubreg.players.PlayerRepository;
import uk.clubreg.players.RegistrationStatus;
import uk.clubreg.players.RequiredDetails;
import uk.clubreg.players.RequiredDetails.Detail;
import uk.clubreg.players.Stage;

/**
 * The registration without AI: a fixed dialogue through the same stages and actions. The question pending follows
 * from the database (the first child still in progress, its stage, its first missing detail), so each message is
 * read as the answer to it; the two questions the registrations cannot show (does the parent want the manager to
 * contact them, which of last season's details changed) are kept as the conversation's guided prompt. Yes/No
 * questions carry quick-reply buttons, choices are numbered, and typed answers are accepted. Siblings are
 * registered one after the other. A question about fees is answered from the registrations, whatever was asked.
 * What it says comes from {@link GuidedTexts} in the parent's language; the answers it understands are those of
 * every language the club offers. LANGUAGE offers the club's languages as a numbered list, ENGLISH goes back to
 * English, and a parent who has not chosen is offered the language {@link LanguageDetector} clearly finds in a long
 * message (docs/decisions/0110-a-parent-s-language.md).
 */
public final class GuidedResponder implements Responder {

    private static final Pattern CHOICE = Pattern.compile("\\b([1-3])\\b");
    private static final DateTimeFormatter DAY_MONTH_YEAR = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    /** What this turn has said so far, in the parent's words, and the guided prompt waiting for an answer. */
    private static final class Progress {
        GuidedTexts texts;
        final List<String> said = new ArrayList<>();
        GuidedPrompt prompt;

        Progress(GuidedTexts texts, GuidedPrompt prompt) {
            this.texts = texts;
            this.prompt = prompt;
        }

        void say(String key, Map<String, ?> values) {
            said.add(texts.text(key, values));
        }

        void say(String key) {
            said.add(texts.text(key));
        }

        /** The reply: what was said, then the question; buttons are keys of the texts. */
        Reply ask(String question, List<String> buttonKeys) {
            List<String> lines = new ArrayList<>(said);
            lines.add(question);
            return Reply.withButtons(String.join("\n\n", lines), buttonKeys.stream().map(texts::text).toList());
        }
    }

    // Quick replies; without the quick-reply template the messaging side numbers them, so "1"/"2" are answers too.
    private static final List<String> YES_NO = List.of("button.yes", "button.no");
    private static final List<String> CARRY_ON_OR_START_AGAIN = List.of("button.carry_on", "button.start_again");
    private static final List<String> STILL_RIGHT = List.of("button.yes", "button.change_something");
    private static final Map<PhotoReceipt.Outcome, String> PHOTO_RECEIPTS = Map.of(
            PhotoReceipt.Outcome.STORED, "photo.kept", PhotoReceipt.Outcome.TOO_LARGE, "photo.too_large",
            PhotoReceipt.Outcome.NOT_A_PHOTO, "photo.not_a_photo", PhotoReceipt.Outcome.NOT_RECEIVED,
            "photo.not_received");

    private final PlayerRepository registrations;
    private final ConversationRepository conversations;
    private final RegistrationActions actions;
    private final ConversationSettings settings;
    private final Clock clock;
    private final List<GuidedTexts> languages;
    private final Answers answers;
    private final LanguageDetector detector;
    /** The AI's guided steps: only sensitive details are asked, then the parent goes back to the AI. */
    private final boolean sensitiveStepsOnly;

    public GuidedResponder(ResponderContext context) {
        this(context, LanguageDetector.NONE);
    }

    public GuidedResponder(ResponderContext context, LanguageDetector detector) {
        this(context, false, detector);
    }

    private GuidedResponder(ResponderContext context, boolean sensitiveStepsOnly, LanguageDetector detector) {
        this.registrations = context.players();
        this.conversations = context.conversations();
        this.actions = context.actions();
        this.settings = context.settings();
        this.clock = context.clock();
        this.sensitiveStepsOnly = sensitiveStepsOnly;
        this.detector = detector;
        this.languages = GuidedTexts.of(settings.languages());
        this.answers = new Answers(languages);
    }

    /**
     * The guided steps of AI mode (docs/decisions/0094-sensitive-details-in-guided-steps.md): each message answers
     * the first sensitive detail the current child misses; when none is left to ask, the last question hands the
     * parent back to the AI (or the registrations are all finished).
     */
    static GuidedResponder sensitiveStepsOnly(ResponderContext context) {
        // In AI mode the turn finds the parent's language before the model is asked (OpenAiResponder).
        return new GuidedResponder(context, true, LanguageDetector.NONE);
    }

    /** The question that opens the guided steps, after the AI's reply; call it when {@link SensitiveDetails#stepDue}. */
    Reply firstSensitiveStep(List<Player> players, String language) {
        Progress progress = new Progress(texts(language), null);
        progress.say("sensitive.intro");
        return detailQuestion(current(players).orElseThrow(), progress);
    }

    @Override
    public String engine() {
        return "guided";
    }

    @Override
    public boolean decidesLocally() {
        return true;
    }

    @Override
    public Reply respond(Turn turn) {
        long conversationId = turn.conversationId();
        Progress progress = new Progress(texts(turn.language()), turn.guidedPrompt());
        boolean earlierAttempt = turn.earlierAttempt();
        // Offered once, to a parent who has not chosen: a choice or an answer to the offer settles it.
        boolean languageSettled = turn.language() != null;
        String offer = null;
        for (InboundMessage message : turn.messages()) {
            if (message.photo() != null) {
                // The photo the registration expected, kept or not before this turn (decision 0115).
                progress.say(PHOTO_RECEIPTS.get(message.photo().outcome()),
                        Map.of("child", message.photo().childFirstName()));
            }
            if (!message.hasText()) {
                // Any other photo, a voice note, a video or a location is never read as an answer; the question
                // is asked again.
                if (message.photo() == null) {
                    progress.say("attachment.unreadable");
                }
                continue;
            }
            String answer = Answers.normalise(message.body());
            if (progress.prompt == GuidedPrompt.LANGUAGE_CHOICE) {
                prompt(conversationId, progress, null);
                Optional<String> chosen = answers.language(answer, settings.languages());
                if (chosen.isPresent()) {
                    switchLanguage(conversationId, progress, chosen.get());
                    languageSettled = true;
                    continue;
                }
            }
            if (progress.prompt == GuidedPrompt.LANGUAGE_OFFER) {
                conversations.offerLanguage(conversationId, null);
                progress.prompt = null;
                Optional<Boolean> accepted = answers.yesNo(answer);
                // Anything but yes keeps the language the parent has, and the offer is not made again.
                switchLanguage(conversationId, progress, accepted.orElse(false) && turn.languageOffered() != null
                        ? turn.languageOffered() : progress.texts.language());
                languageSettled = true;
                if (accepted.isPresent()) {
                    continue;
                }
            }
            if (answers.asksForLanguages(answer)) {
                prompt(conversationId, progress, GuidedPrompt.LANGUAGE_CHOICE);
                return progress.ask(progress.texts.text("language.choose", Map.of("choices", numbered(
                        languages.stream().map(GuidedTexts::isolatedName).toList()))), List.of());
            }
            if (answers.asksForEnglish(answer)) {
                switchLanguage(conversationId, progress, "en");
                languageSettled = true;
                continue;
            }
            if (!languageSettled && offer == null && !sensitiveStepsOnly) {
                offer = detector.sureOf(message.body(), settings.languages())
                        .filter(language -> !language.equals(progress.texts.language())).orElse(null);
            }
            if (progress.prompt == GuidedPrompt.HELP_OFFER) {
                prompt(conversationId, progress, null);
                Optional<Boolean> wantsAPerson = answers.yesNo(answer);
                if (wantsAPerson.orElse(false)) {
                    return handOver(conversationId, progress);
                }
                if (wantsAPerson.isPresent()) {
                    progress.say("help_offer.declined");
                    continue;
                }
            }
            if (answers.asksForAPerson(answer)) {
                return handOver(conversationId, progress);
            }
            if (answers.asksForHelp(answer)) {
                prompt(conversationId, progress, GuidedPrompt.HELP_OFFER);
                return progress.ask(progress.texts.text("ask.help_offer"), YES_NO);
            }
            List<Player> players = registrations.inConversation(conversationId);
            if (answers.isFeeQuestion(answer, message.body())) {
                progress.said.add(fees(players, progress.texts));
                continue;
            }
            if (earlierAttempt) {
                earlierAttempt = false;
                List<Player> started = players.stream().filter(p -> turn.reinvited().contains(p.id())
                        && p.stage().inProgress() && p.stage() != Stage.INITIAL_CONTACT).toList();
                if (!started.isEmpty()) {
                    Optional<Boolean> carryOn = answers.carryOnOrStartAgain(answer);
                    if (carryOn.isEmpty()) {
                        return progress.ask(progress.texts.text("earlier_attempt.offer", Map.of("children",
                                firstNames(started, progress.texts))), CARRY_ON_OR_START_AGAIN);
                    }
                    registrations.acknowledgeEarlierAttempt(conversationId, clock.instant());
                    if (!carryOn.get()) {
                        // Only the re-invited children start again; their siblings' answers stay.
                        started.forEach(p -> actions.startAgain(conversationId, p.id()));
                        progress.say("earlier_attempt.start_again",
                                Map.of("children", firstNames(started, progress.texts)));
                    } else {
                        progress.say("earlier_attempt.carry_on");
                    }
                    continue;
                }
                registrations.acknowledgeEarlierAttempt(conversationId, clock.instant());
            }
            Optional<Player> current = current(players);
            if (progress.prompt == GuidedPrompt.CHANGED_DETAILS) {
                prompt(conversationId, progress, null);
                if (current.isPresent() && isReturningCheck(current.get(), turn.lastSeason())) {
                    changedDetails(conversationId, current.get(), answer, progress);
                    continue;
                }
            }
            // In the AI's guided steps a message is read only as a sensitive detail, never as another answer.
            current.filter(player -> !sensitiveStepsOnly || SensitiveDetails.stepDue(players))
                    .ifPresent(player -> answer(conversationId, player, turn.lastSeason(), answer, message,
                            progress));
        }
        if (offer != null && !languageSettled) {
            return offerLanguage(conversationId, progress, offer);
        }
        return next(conversationId, turn.parentFirstName(), turn.lastSeason(), progress);
    }

    private GuidedTexts texts(String chosen) {
        return GuidedTexts.of(settings.languageOf(chosen));
    }

    /**
     * Whether this turn asks for the list of languages or for English: in AI mode these are the guided steps' to
     * answer, so the choice is stored as guided mode stores it.
     */
    boolean asksForALanguage(Turn turn) {
        return turn.messages().stream().filter(InboundMessage::hasText).map(m -> Answers.normalise(m.body()))
                .anyMatch(answer -> answers.asksForLanguages(answer) || answers.asksForEnglish(answer));
    }

    /** From here on the parent's messages are in {@code language}: said so in it, and kept for the parent. */
    private void switchLanguage(long conversationId, Progress progress, String language) {
        actions.setLanguage(conversationId, language, settings.languages());
        if (!language.equals(progress.texts.language())) {
            progress.texts = GuidedTexts.of(language);
            progress.say("language.chosen");
        }
    }

    /**
     * What this turn said, then the offer in the language found, with its own Yes and No; the question the turn
     * would have asked comes after the answer, in the language chosen. Finished registrations complete first.
     */
    private Reply offerLanguage(long conversationId, Progress progress, String language) {
        completeReadyRegistrations(conversationId, progress);
        conversations.offerLanguage(conversationId, language);
        GuidedTexts offered = GuidedTexts.of(language);
        // "Sorry, I didn't catch that" in a language the parent may not read says nothing the offer does not.
        List<String> lines = new ArrayList<>(progress.said);
        lines.removeIf(progress.texts.text("not_understood")::equals);
        lines.add(offered.text("language.offer"));
        return Reply.withButtons(String.join("\n\n", lines), YES_NO.stream().map(offered::text).toList());
    }

    private Reply handOver(long conversationId, Progress progress) {
        actions.requestHumanHelp(conversationId, "The parent asked to speak to a person");
        return Reply.text(progress.texts.text("hand_over"));
    }

    private void prompt(long conversationId, Progress progress, GuidedPrompt prompt) {
        if (progress.prompt != prompt) {
            conversations.setGuidedPrompt(conversationId, prompt);
            progress.prompt = prompt;
        }
    }

    private void answer(long conversationId, Player player, Map<Long, LastSeason> lastSeason, String answer,
                        InboundMessage message, Progress progress) {
        switch (player.stage()) {
            case INITIAL_CONTACT -> answers.yesNo(answer).ifPresentOrElse(yes -> {
                actions.updateRegistrationStatus(conversationId, new StatusChange(player.id(),
                        yes ? RegistrationStatus.CONFIRMED : RegistrationStatus.DECLINED, null, null));
                if (yes) {
                    progress.say("confirmed");
                } else {
                    progress.say("declined", Map.of("child", player.firstName(), "season", player.season()));
                }
            }, () -> progress.say("not_understood"));
            case RETURNING_PLAYER_CHECK -> {
                if (isReturningCheck(player, lastSeason)) {
                    answers.stillRight(answer).ifPresentOrElse(right -> {
                        if (right) {
                            actions.carryOverLastSeason(conversationId, player.id(), Set.of());
                            progress.say("last_season.kept", Map.of("child", player.firstName()));
                        } else {
                            prompt(conversationId, progress, GuidedPrompt.CHANGED_DETAILS);
                        }
                    }, () -> progress.say("not_understood"));
                } else {
                    answers.yesNo(answer).ifPresentOrElse(yes -> actions.updateRegistrationStatus(conversationId,
                            new StatusChange(player.id(), RegistrationStatus.CONFIRMED, yes, null)),
                            () -> progress.say("not_understood"));
                }
            }
            case INFO_COLLECTION -> recordDetail(conversationId, player, answer, message, progress);
            default -> { }
        }
    }

    /** The answer to "which details have changed?": those are asked again, the others are kept. */
    private void changedDetails(long conversationId, Player player, String answer, Progress progress) {
        Set<LastSeason.Detail> changed = EnumSet.noneOf(LastSeason.Detail.class);
        Matcher choice = CHOICE.matcher(answer);
        while (choice.find()) {
            changed.add(LastSeason.Detail.values()[Integer.parseInt(choice.group(1)) - 1]);
        }
        changed.addAll(answers.namedDetails(answer));
        if (changed.isEmpty()) {
            progress.say("not_understood");
            prompt(conversationId, progress, GuidedPrompt.CHANGED_DETAILS);
            return;
        }
        actions.carryOverLastSeason(conversationId, player.id(), changed);
        progress.say("last_season.kept_the_rest", Map.of("child", player.firstName()));
    }

    private void recordDetail(long conversationId, Player player, String answer, InboundMessage message,
                              Progress progress) {
        if (RequiredDetails.missingDetails(player).isEmpty()) {
            return; // nothing was asked: next() completes the registration
        }
        Detail detail = RequiredDetails.missingDetails(player).getFirst();
        // Any script's digits as 0-9, so a date, a number or a kit size's number typed in Arabic digits is read.
        String text = message.body() == null ? "" : Answers.asciiDigits(message.body().trim());
        DetailsUpdate update = switch (detail) {
            case DATE_OF_BIRTH -> new DetailsUpdate(player.id(), text, null, null, null, null, null);
            case MEDICAL_NOTES -> new DetailsUpdate(player.id(), null, answers.isNone(answer) ? "None" : text,
                    null, null, null, null);
            case EMERGENCY_CONTACT_NAME -> new DetailsUpdate(player.id(), null, null, text, null, null, null);
            case EMERGENCY_CONTACT_TEL -> new DetailsUpdate(player.id(), null, null, null, text, null, null);
            case PHOTO_CONSENT -> answers.yesNo(answer)
                    .map(yes -> new DetailsUpdate(player.id(), null, null, null, null, yes, null)).orElse(null);
            case KIT_SIZE -> new DetailsUpdate(player.id(), null, null, null, null, null, text);
            case PLAYER_PHOTO -> null; // only a photo answers it: typed text is not one
        };
        ToolResult result = update == null ? ToolResult.refused("not an answer to " + detail.wireName())
                : actions.recordPlayerDetails(conversationId, message.id(), update);
        if (!result.ok()) {
            sorry(detail, player, progress);
            return;
        }
        completeReadyRegistrations(conversationId, progress);
    }

    /** Completes every registration whose details are all in (also ones the AI collected before the switch). */
    private List<Player> completeReadyRegistrations(long conversationId, Progress progress) {
        List<Player> players = registrations.inConversation(conversationId);
        boolean completedAny = false;
        for (Player player : players) {
            if (player.stage() == Stage.INFO_COLLECTION && RequiredDetails.missing(player).isEmpty()) {
                actions.updateRegistrationStatus(conversationId,
                        new StatusChange(player.id(), RegistrationStatus.COMPLETED, null, "Registered in guided mode"));
                progress.say("completed", Map.of("child", player.firstName(), "team", player.teamName(),
                        "season", player.season()));
                completedAny = true;
            }
        }
        return completedAny ? registrations.inConversation(conversationId) : players;
    }

    private Reply next(long conversationId, String parentFirstName, Map<Long, LastSeason> lastSeason,
                       Progress progress) {
        GuidedTexts texts = progress.texts;
        List<Player> players = completeReadyRegistrations(conversationId, progress);
        Optional<Player> current = current(players);
        if (current.isEmpty()) {
            progress.said.add(closing(parentFirstName, players, texts));
            return Reply.text(String.join("\n\n", progress.said));
        }
        Player player = current.get();
        if (sensitiveStepsOnly && !SensitiveDetails.stepDue(players)) {
            return progress.ask(handBackQuestion(player, texts), YES_NO);
        }
        if (progress.prompt == GuidedPrompt.CHANGED_DETAILS) {
            return progress.ask(texts.text("ask.changed_details", Map.of("choices", numbered(List.of(
                    texts.text("choice.date_of_birth"), texts.text("choice.emergency_contact"),
                    texts.text("choice.kit_size"))))), List.of());
        }
        return switch (player.stage()) {
            case INITIAL_CONTACT -> progress.ask(registerQuestion(player, texts), YES_NO);
            case RETURNING_PLAYER_CHECK -> isReturningCheck(player, lastSeason)
                    ? progress.ask(stillRightQuestion(player, lastSeason.get(player.id()), texts), STILL_RIGHT)
                    : progress.ask(texts.text("ask.played_last_season", Map.of("child", player.firstName(),
                            "club", settings.clubName())), YES_NO);
            default -> detailQuestion(player, progress);
        };
    }

    private static String registerQuestion(Player player, GuidedTexts texts) {
        return texts.text("ask.register", Map.of("child", player.firstName(), "team", player.teamName(),
                "season", player.season()));
    }

    /** The guided steps' last question, whose answer goes to the AI (it asks the rest of {@code player}'s details). */
    private static String handBackQuestion(Player player, GuidedTexts texts) {
        return player.stage() == Stage.INITIAL_CONTACT ? registerQuestion(player, texts)
                : texts.text("ask.carry_on_with", Map.of("child", player.firstName()));
    }

    /**
     * What the guided steps said last, rebuilt from the registrations (never from stored text, which may quote a
     * detail): the AI reads it before the parent's answer.
     */
    String lastSaid(String parentFirstName, List<Player> players, String language) {
        GuidedTexts texts = texts(language);
        return current(players).map(player -> handBackQuestion(player, texts))
                .orElseGet(() -> closing(parentFirstName, players, texts));
    }

    private static boolean isReturningCheck(Player player, Map<Long, LastSeason> lastSeason) {
        return player.stage() == Stage.RETURNING_PLAYER_CHECK && lastSeason.containsKey(player.id());
    }

    private static String stillRightQuestion(Player player, LastSeason last, GuidedTexts texts) {
        String notGiven = texts.text("still_right.not_given");
        String contact = orNotGiven(last.emergencyContactName(), notGiven);
        if (last.emergencyContactTel() != null) {
            contact = texts.text("still_right.contact_with_tel", Map.of("name", contact,
                    "tel", last.emergencyContactTel()));
        }
        return texts.text("ask.still_right", Map.of("child", player.firstName(), "season", last.season(),
                "date_of_birth", last.dateOfBirth() == null ? notGiven : DAY_MONTH_YEAR.format(last.dateOfBirth()),
                "emergency_contact", contact, "kit_size", orNotGiven(last.kitSize(), notGiven)));
    }

    private static String orNotGiven(String value, String notGiven) {
        return value == null || value.isBlank() ? notGiven : value;
    }

    private Reply detailQuestion(Player player, Progress progress) {
        GuidedTexts texts = progress.texts;
        Map<String, String> child = Map.of("child", player.firstName());
        return switch (RequiredDetails.missingDetails(player).getFirst()) {
            case DATE_OF_BIRTH -> progress.ask(texts.text("ask.date_of_birth", child), List.of());
            case MEDICAL_NOTES -> progress.ask(texts.text("ask.medical_notes", child), List.of());
            case EMERGENCY_CONTACT_NAME -> progress.ask(texts.text("ask.emergency_contact_name"), List.of());
            case EMERGENCY_CONTACT_TEL -> progress.ask(texts.text("ask.emergency_contact_tel"), List.of());
            case PHOTO_CONSENT -> progress.ask(texts.text("ask.photo_consent", child), YES_NO);
            case KIT_SIZE -> progress.ask(texts.text("ask.kit_size", Map.of("child", player.firstName(),
                    "choices", numbered(settings.kitSizes()))), List.of());
            case PLAYER_PHOTO -> progress.ask(texts.text("ask.player_photo", child), List.of());
        };
    }

    /** Each child's fees for the season, from the manager's invitation; an unset fee is said to be unset. */
    private static String fees(List<Player> players, GuidedTexts texts) {
        List<String> sentences = new ArrayList<>();
        boolean anyUnset = false;
        for (Player player : players) {
            if (player.stage() == Stage.ARCHIVED || player.status() == RegistrationStatus.DECLINED) {
                continue;
            }
            Map<String, String> values = new HashMap<>(Map.of("child", player.firstName(),
                    "season", player.season(), "team", player.teamName()));
            if (player.membershipFee() != null) {
                values.put("membership", "£" + Fees.amount(player.membershipFee()));
            }
            if (player.subscriptionFee() != null) {
                values.put("subscription", "£" + Fees.amount(player.subscriptionFee()));
            }
            boolean membership = values.containsKey("membership");
            boolean subscription = values.containsKey("subscription");
            anyUnset |= !membership || !subscription;
            String key = membership ? (subscription ? "fees.both" : "fees.membership_only")
                    : (subscription ? "fees.subscription_only" : "fees.none_set");
            sentences.add(texts.text(key, values));
        }
        if (sentences.isEmpty()) {
            return texts.text("fees.nothing");
        }
        if (anyUnset) {
            List<String> managers = players.stream().map(Player::managerFullName).filter(name -> name != null
                    && !name.isBlank()).distinct().toList();
            sentences.add(managers.size() == 1
                    ? texts.text("fees.manager_confirms_named", Map.of("manager", managers.getFirst()))
                    : texts.text("fees.manager_confirms"));
        }
        return String.join(" ", sentences);
    }

    private static String closing(String parentFirstName, List<Player> players, GuidedTexts texts) {
        String summary = players.stream().map(p -> texts.text(switch (p.stage()) {
            case COMPLETED -> "closing.completed";
            case DECLINED -> "closing.declined";
            default -> "closing.archived";
        }, Map.of("child", p.firstName(), "season", p.season()))).collect(Collectors.joining("\n"));
        return parentFirstName == null ? texts.text("closing.unnamed", Map.of("summary", summary))
                : texts.text("closing.named", Map.of("parent", parentFirstName, "summary", summary));
    }

    private static void sorry(Detail detail, Player player, Progress progress) {
        switch (detail) {
            case DATE_OF_BIRTH -> {
                if (player.ageGroup() == null) {
                    progress.say("sorry.date_of_birth");
                } else {
                    progress.say("sorry.date_of_birth_in_age_group", Map.of("child", player.firstName(),
                            "age_group", player.ageGroup()));
                }
            }
            case EMERGENCY_CONTACT_TEL -> progress.say("sorry.emergency_contact_tel");
            case PHOTO_CONSENT -> progress.say("sorry.photo_consent");
            case KIT_SIZE -> progress.say("sorry.kit_size");
            case PLAYER_PHOTO -> progress.say("sorry.player_photo", Map.of("child", player.firstName()));
            default -> progress.say("sorry.other");
        }
    }

    private static String firstNames(List<Player> players, GuidedTexts texts) {
        return texts.list(players.stream().map(Player::firstName).toList());
    }

    private static Optional<Player> current(List<Player> players) {
        return players.stream().filter(p -> p.stage().inProgress()).findFirst();
    }

    private static String numbered(List<String> choices) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < choices.size(); i++) {
            lines.add((i + 1) + ". " + choices.get(i));
        }
        return String.join("\n", lines);
    }
}
