package uk.clubreg.assistant.guided;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import uk.clubreg.assistant.ConversationSettings;
import uk.clubreg.assistant.RegistrationActions;
import uk.clubreg.assistant.RegistrationActions.DetailsUpdate;
import uk.clubreg.assistant.RegistrationActions.StatusChange;
import uk.clubreg.assistant.Responder;
import uk.clubreg.assistant.ResponderContext;
import uk.clubreg.assistant.ToolResult;
import uk.clubreg.assistant.Turn;
import uk.clubreg.conversations.ConversationRepository;
import uk.clubreg.conversations.GuidedPrompt;
import uk.clubreg.conversations.InboundMessage;
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
 */
public final class GuidedResponder implements Responder {

    private static final List<String> YES = List.of("yes", "y", "yeah", "yep", "yup", "ok", "okay", "sure", "of course",
            "definitely", "happy to", "please do", "👍");
    private static final List<String> NO = List.of("no", "n", "nope", "nah", "not this season", "no thanks");
    /** Asked for a person in so many words: handed over at once. A bare "help" is asked about first. */
    private static final Set<String> ASK_FOR_A_PERSON = Set.of("manager", "human", "person", "agent",
            "speak to someone", "talk to someone", "speak to a person", "talk to a person");
    private static final String HELP = "help";
    private static final Set<String> NONE = Set.of("none", "no", "nothing", "n/a", "na", "nil", "no allergies");
    private static final Pattern FEE_WORDS = Pattern.compile(
            "\\b(fee|fees|cost|costs|price|subs|subscription|subscriptions|membership|how much)\\b");
    private static final Pattern QUESTION_START = Pattern.compile(
            "^(how|what|when|is|are|do|does|can|fee|fees|cost|price|subs)\\b");
    private static final Pattern CHOICE = Pattern.compile("\\b([1-3])\\b");
    private static final DateTimeFormatter DAY_MONTH_YEAR = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    // Quick replies; without the quick-reply template the messaging side numbers them, so "1"/"2" are answers too.
    private static final List<String> YES_NO = List.of("Yes", "No");
    private static final List<String> CARRY_ON_OR_START_AGAIN = List.of("Carry on", "Start again");
    private static final List<String> STILL_RIGHT = List.of("Yes", "Change something");

    /** What this turn has said so far, and the guided prompt waiting for an answer. */
    private static final class Progress {
        final List<String> said = new ArrayList<>();
        GuidedPrompt prompt;

        Progress(GuidedPrompt prompt) {
            this.prompt = prompt;
        }
    }

    private final PlayerRepository registrations;
    private final ConversationRepository conversations;
    private final RegistrationActions actions;
    private final ConversationSettings settings;
    private final Clock clock;

    public GuidedResponder(ResponderContext context) {
        this.registrations = context.players();
        this.conversations = context.conversations();
        this.actions = context.actions();
        this.settings = context.settings();
        this.clock = context.clock();
    }

    @Override
    public String engine() {
        return "guided";
    }

    @Override
    public Reply respond(Turn turn) {
        long conversationId = turn.conversationId();
        Progress progress = new Progress(turn.guidedPrompt());
        boolean earlierAttempt = turn.earlierAttempt();
        for (InboundMessage message : turn.messages()) {
            String answer = normalise(message.body());
            if (progress.prompt == GuidedPrompt.HELP_OFFER) {
                prompt(conversationId, progress, null);
                Optional<Boolean> wantsAPerson = yesNo(answer);
                if (wantsAPerson.orElse(false)) {
                    return handOver(conversationId);
                }
                if (wantsAPerson.isPresent()) {
                    progress.said.add("No problem, let's carry on.");
                    continue;
                }
            }
            if (ASK_FOR_A_PERSON.contains(answer)) {
                return handOver(conversationId);
            }
            if (answer.equals(HELP)) {
                prompt(conversationId, progress, GuidedPrompt.HELP_OFFER);
                return ask(progress.said, "Would you like the team manager to contact you?", YES_NO);
            }
            List<Player> players = registrations.inConversation(conversationId);
            if (isFeeQuestion(answer, message.body())) {
                progress.said.add(fees(players));
                continue;
            }
            if (earlierAttempt) {
                earlierAttempt = false;
                List<Player> started = players.stream().filter(p -> turn.reinvited().contains(p.id())
                        && p.stage().inProgress() && p.stage() != Stage.INITIAL_CONTACT).toList();
                if (!started.isEmpty()) {
                    Optional<Boolean> carryOn = carryOnOrStartAgain(answer);
                    if (carryOn.isEmpty()) {
                        return earlierAttemptOffer(started, progress.said);
                    }
                    registrations.acknowledgeEarlierAttempt(conversationId, clock.instant());
                    if (!carryOn.get()) {
                        // Only the re-invited children start again; their siblings' answers stay.
                        started.forEach(p -> actions.startAgain(conversationId, p.id()));
                        progress.said.add("No problem, let's start again with " + Player.firstNames(started) + ".");
                    } else {
                        progress.said.add("Great, let's carry on where we left off.");
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
            current.ifPresent(player -> answer(conversationId, player, turn.lastSeason(), answer, message.body(),
                    progress));
        }
        return next(conversationId, turn.parentFirstName(), turn.lastSeason(), progress);
    }

    private Reply handOver(long conversationId) {
        actions.requestHumanHelp(conversationId, "The parent asked to speak to a person");
        return Reply.text("I've asked the team manager to get in touch with you. A person will reply soon.");
    }

    private void prompt(long conversationId, Progress progress, GuidedPrompt prompt) {
        if (progress.prompt != prompt) {
            conversations.setGuidedPrompt(conversationId, prompt);
            progress.prompt = prompt;
        }
    }

    private void answer(long conversationId, Player player, Map<Long, LastSeason> lastSeason, String answer,
                        String original, Progress progress) {
        switch (player.stage()) {
            case INITIAL_CONTACT -> yesNo(answer).ifPresentOrElse(yes -> {
                actions.updateRegistrationStatus(conversationId, new StatusChange(player.id(),
                        yes ? RegistrationStatus.CONFIRMED : RegistrationStatus.DECLINED, null, null));
                progress.said.add(yes ? "Great!" : "No problem, we've noted that " + player.firstName()
                        + " won't be registering for " + player.season() + ". Thanks for letting us know.");
            }, () -> progress.said.add("Sorry, I didn't catch that."));
            case RETURNING_PLAYER_CHECK -> {
                if (isReturningCheck(player, lastSeason)) {
                    stillRight(answer).ifPresentOrElse(right -> {
                        if (right) {
                            actions.carryOverLastSeason(conversationId, player.id(), Set.of());
                            progress.said.add("Great, we've kept " + player.firstName()
                                    + "'s details from last season.");
                        } else {
                            prompt(conversationId, progress, GuidedPrompt.CHANGED_DETAILS);
                        }
                    }, () -> progress.said.add("Sorry, I didn't catch that."));
                } else {
                    yesNo(answer).ifPresentOrElse(yes -> actions.updateRegistrationStatus(conversationId,
                            new StatusChange(player.id(), RegistrationStatus.CONFIRMED, yes, null)),
                            () -> progress.said.add("Sorry, I didn't catch that."));
                }
            }
            case INFO_COLLECTION -> recordDetail(conversationId, player, answer, original, progress.said);
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
        if (answer.contains("birth") || answer.contains("dob")) {
            changed.add(LastSeason.Detail.DATE_OF_BIRTH);
        }
        if (answer.contains("contact") || answer.contains("emergency")) {
            changed.add(LastSeason.Detail.EMERGENCY_CONTACT);
        }
        if (answer.contains("kit") || answer.contains("size")) {
            changed.add(LastSeason.Detail.KIT_SIZE);
        }
        if (changed.isEmpty()) {
            progress.said.add("Sorry, I didn't catch that.");
            prompt(conversationId, progress, GuidedPrompt.CHANGED_DETAILS);
            return;
        }
        actions.carryOverLastSeason(conversationId, player.id(), changed);
        progress.said.add("Thanks, we've kept the rest of " + player.firstName() + "'s details from last season.");
    }

    private void recordDetail(long conversationId, Player player, String answer, String original, List<String> said) {
        if (RequiredDetails.missingDetails(player).isEmpty()) {
            return; // nothing was asked: next() completes the registration
        }
        Detail detail = RequiredDetails.missingDetails(player).getFirst();
        String text = original == null ? "" : original.trim();
        DetailsUpdate update = switch (detail) {
            case DATE_OF_BIRTH -> new DetailsUpdate(player.id(), text, null, null, null, null, null);
            case MEDICAL_NOTES -> new DetailsUpdate(player.id(), null, NONE.contains(answer) ? "None" : text,
                    null, null, null, null);
            case EMERGENCY_CONTACT_NAME -> new DetailsUpdate(player.id(), null, null, text, null, null, null);
            case EMERGENCY_CONTACT_TEL -> new DetailsUpdate(player.id(), null, null, null, text, null, null);
            case PHOTO_CONSENT -> yesNo(answer)
                    .map(yes -> new DetailsUpdate(player.id(), null, null, null, null, yes, null)).orElse(null);
            case KIT_SIZE -> new DetailsUpdate(player.id(), null, null, null, null, null, text);
        };
        ToolResult result = update == null ? ToolResult.refused("not yes or no")
                : actions.recordPlayerDetails(conversationId, update);
        if (!result.ok()) {
            said.add(sorry(detail, player));
            return;
        }
        completeReadyRegistrations(conversationId, said);
    }

    /** Completes every registration whose details are all in (also ones the AI collected before the switch). */
    private List<Player> completeReadyRegistrations(long conversationId, List<String> said) {
        List<Player> players = registrations.inConversation(conversationId);
        boolean completedAny = false;
        for (Player player : players) {
            if (player.stage() == Stage.INFO_COLLECTION && RequiredDetails.missing(player).isEmpty()) {
                actions.updateRegistrationStatus(conversationId,
                        new StatusChange(player.id(), RegistrationStatus.COMPLETED, null, "Registered in guided mode"));
                said.add("Thank you! " + player.firstName() + "'s registration with " + player.teamName() + " for "
                        + player.season() + " is complete.");
                completedAny = true;
            }
        }
        return completedAny ? registrations.inConversation(conversationId) : players;
    }

    private Reply next(long conversationId, String parentFirstName, Map<Long, LastSeason> lastSeason,
                       Progress progress) {
        List<Player> players = completeReadyRegistrations(conversationId, progress.said);
        Optional<Player> current = current(players);
        if (current.isEmpty()) {
            progress.said.add(closing(parentFirstName, players));
            return Reply.text(String.join("\n\n", progress.said));
        }
        Player player = current.get();
        if (progress.prompt == GuidedPrompt.CHANGED_DETAILS) {
            return ask(progress.said, "Which details have changed? Reply with their numbers, for example 2, or 1 "
                    + "and 3:\n" + numbered(List.of("Date of birth", "Emergency contact", "Kit size")), List.of());
        }
        return switch (player.stage()) {
            case INITIAL_CONTACT -> ask(progress.said, "Would you like to register " + player.firstName() + " with "
                    + player.teamName() + " for the " + player.season() + " season?", YES_NO);
            case RETURNING_PLAYER_CHECK -> isReturningCheck(player, lastSeason)
                    ? ask(progress.said, stillRightQuestion(player, lastSeason.get(player.id())), STILL_RIGHT)
                    : ask(progress.said, "Did " + player.firstName() + " play for " + settings.clubName()
                            + " last season?", YES_NO);
            default -> detailQuestion(player, progress.said);
        };
    }

    private static boolean isReturningCheck(Player player, Map<Long, LastSeason> lastSeason) {
        return player.stage() == Stage.RETURNING_PLAYER_CHECK && lastSeason.containsKey(player.id());
    }

    private static String stillRightQuestion(Player player, LastSeason last) {
        return "Welcome back! Here is what we have for " + player.firstName() + " from the " + last.season()
                + " season:\nDate of birth: " + (last.dateOfBirth() == null ? "not given"
                : DAY_MONTH_YEAR.format(last.dateOfBirth()))
                + "\nEmergency contact: " + orNotGiven(last.emergencyContactName())
                + (last.emergencyContactTel() == null ? "" : ", " + last.emergencyContactTel())
                + "\nKit size: " + orNotGiven(last.kitSize())
                + "\nIs this still right?";
    }

    private static String orNotGiven(String value) {
        return value == null || value.isBlank() ? "not given" : value;
    }

    private Reply detailQuestion(Player player, List<String> said) {
        String name = player.firstName();
        return switch (RequiredDetails.missingDetails(player).getFirst()) {
            case DATE_OF_BIRTH -> ask(said, "What is " + name + "'s date of birth? (day/month/year, e.g. 14/03/2016)",
                    List.of());
            case MEDICAL_NOTES -> ask(said, "Does " + name + " have any medical conditions or allergies the coaches "
                    + "should know about? Reply \"none\" if not.", List.of());
            case EMERGENCY_CONTACT_NAME -> ask(said, "Who should we contact in an emergency? Please send their name.",
                    List.of());
            case EMERGENCY_CONTACT_TEL -> ask(said, "And their phone number?", List.of());
            case PHOTO_CONSENT -> ask(said, "Do you consent to the club taking and sharing photos of " + name
                    + " at matches and training?", YES_NO);
            case KIT_SIZE -> ask(said, "What kit size does " + name + " need? Reply with a number:\n"
                    + numbered(settings.kitSizes()), List.of());
        };
    }

    /** Each child's fees for the season, from the manager's invitation; an unset fee is said to be unset. */
    private static String fees(List<Player> players) {
        List<String> sentences = new ArrayList<>();
        boolean anyUnset = false;
        for (Player player : players) {
            if (player.stage() == Stage.ARCHIVED || player.status() == RegistrationStatus.DECLINED) {
                continue;
            }
            String where = "for the " + player.season() + " season with " + player.teamName();
            String membership = player.membershipFee() == null ? null : "£" + Fees.amount(player.membershipFee());
            String subscription = player.subscriptionFee() == null ? null
                    : "£" + Fees.amount(player.subscriptionFee());
            anyUnset |= membership == null || subscription == null;
            if (membership != null && subscription != null) {
                sentences.add(player.firstName() + "'s fees " + where + " are " + membership + " membership and "
                        + subscription + " subscription.");
            } else if (membership != null) {
                sentences.add(player.firstName() + "'s membership fee " + where + " is " + membership
                        + "; the subscription fee has not been set yet.");
            } else if (subscription != null) {
                sentences.add(player.firstName() + "'s subscription fee " + where + " is " + subscription
                        + "; the membership fee has not been set yet.");
            } else {
                sentences.add("The fees " + where + " have not been set yet for " + player.firstName() + ".");
            }
        }
        if (sentences.isEmpty()) {
            return "The club has no fees to tell you about at the moment.";
        }
        if (anyUnset) {
            List<String> managers = players.stream().map(Player::managerFullName).filter(name -> name != null
                    && !name.isBlank()).distinct().toList();
            sentences.add(managers.size() == 1
                    ? "Your team manager, " + managers.getFirst() + ", will confirm any fee not set yet."
                    : "Your team manager will confirm any fee not set yet.");
        }
        return String.join(" ", sentences);
    }

    private static boolean isFeeQuestion(String answer, String original) {
        return FEE_WORDS.matcher(answer).find()
                && ((original != null && original.contains("?")) || QUESTION_START.matcher(answer).find());
    }

    private static Reply earlierAttemptOffer(List<Player> started, List<String> said) {
        return ask(said, "Welcome back! You've already started registering " + Player.firstNames(started) + ". If "
                + "anything went wrong last time, we can start again; or carry on from where you left off.",
                CARRY_ON_OR_START_AGAIN);
    }

    private String closing(String parentFirstName, List<Player> players) {
        String summary = players.stream().map(p -> p.firstName() + ": " + switch (p.stage()) {
            case COMPLETED -> "registered for " + p.season();
            case DECLINED -> "not registering this season";
            default -> p.stage().wireName().replace('_', ' ');
        }).collect(Collectors.joining("\n"));
        return "Thanks" + (parentFirstName == null ? "" : " " + parentFirstName) + ", that's everything for now.\n"
                + summary + "\nIf you need anything else, reply MANAGER and the team manager will get in touch.";
    }

    private static String sorry(Detail detail, Player player) {
        return switch (detail) {
            case DATE_OF_BIRTH -> "Sorry, I couldn't use that date of birth. Please check it"
                    + (player.ageGroup() == null ? "" : " (" + player.firstName() + " plays in " + player.ageGroup() + ")")
                    + " and send it as day/month/year.";
            case EMERGENCY_CONTACT_TEL -> "Sorry, that doesn't look like a phone number. Please send it with all its "
                    + "digits, e.g. 07700 900123.";
            case PHOTO_CONSENT -> "Sorry, please reply Yes or No.";
            case KIT_SIZE -> "Sorry, that isn't one of the kit sizes.";
            default -> "Sorry, I couldn't use that answer.";
        };
    }

    private static Reply ask(List<String> said, String question, List<String> buttons) {
        List<String> lines = new ArrayList<>(said);
        lines.add(question);
        return Reply.withButtons(String.join("\n\n", lines), buttons);
    }

    private static Optional<Player> current(List<Player> players) {
        return players.stream().filter(p -> p.stage().inProgress()).findFirst();
    }

    private static Optional<Boolean> yesNo(String answer) {
        if (answer.equals("1")) {
            return Optional.of(true);
        }
        if (answer.equals("2")) {
            return Optional.of(false);
        }
        if (YES.stream().anyMatch(yes -> answer.equals(yes) || answer.startsWith(yes + " "))) {
            return Optional.of(true);
        }
        if (NO.stream().anyMatch(no -> answer.equals(no) || answer.startsWith(no + " "))) {
            return Optional.of(false);
        }
        return Optional.empty();
    }

    /** "Yes" (still right), or "Change something" (and "No", or the second button's number). */
    private static Optional<Boolean> stillRight(String answer) {
        if (answer.startsWith("change")) {
            return Optional.of(false);
        }
        return yesNo(answer);
    }

    private static Optional<Boolean> carryOnOrStartAgain(String answer) {
        if (answer.equals("1") || answer.startsWith("carry on") || answer.startsWith("continue")) {
            return Optional.of(true);
        }
        if (answer.equals("2") || answer.startsWith("start again") || answer.startsWith("start over")
                || answer.startsWith("restart")) {
            return Optional.of(false);
        }
        return Optional.empty();
    }

    private static String numbered(List<String> choices) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < choices.size(); i++) {
            lines.add((i + 1) + ". " + choices.get(i));
        }
        return String.join("\n", lines);
    }

    /** Lower case, single spaces, without trailing punctuation: "Yes!" and "yes" are the same answer. */
    static String normalise(String text) {
        if (text == null) {
            return "";
        }
        return text.toLowerCase(Locale.UK).replaceAll("[.!?,]+$", "").replaceAll("\\s+", " ").trim();
    }
}
