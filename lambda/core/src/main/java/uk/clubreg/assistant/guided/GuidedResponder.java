package uk.clubreg.assistant.guided;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import uk.clubreg.assistant.ConversationSettings;
import uk.clubreg.assistant.RegistrationActions;
import uk.clubreg.assistant.RegistrationActions.DetailsUpdate;
import uk.clubreg.assistant.RegistrationActions.StatusChange;
import uk.clubreg.assistant.Responder;
import uk.clubreg.assistant.ResponderContext;
import uk.clubreg.assistant.ToolResult;
import uk.clubreg.assistant.Turn;
import uk.clubreg.conversations.InboundMessage;
import uk.clubreg.conversations.Reply;
import uk.clubreg.players.Player;
import uk.clubreg.players.PlayerRepository;
import uk.clubreg.players.RegistrationStatus;
import uk.clubreg.players.RequiredDetails;
import uk.clubreg.players.RequiredDetails.Detail;
import uk.clubreg.players.Stage;

/**
 * The registration without AI: a fixed dialogue through the same stages and actions. The question pending is never
 * stored; it follows from the database (the first child still in progress, its stage, its first missing detail),
 * so each message is read as the answer to it. Yes/No questions carry quick-reply buttons, choices are numbered,
 * and typed answers are accepted. Siblings are registered one after the other.
 */
public final class GuidedResponder implements Responder {

    private static final List<String> YES = List.of("yes", "y", "yeah", "yep", "yup", "ok", "okay", "sure", "of course",
            "definitely", "happy to", "please do", "👍");
    private static final List<String> NO = List.of("no", "n", "nope", "nah", "not this season", "no thanks");
    private static final Set<String> ASK_FOR_A_PERSON = Set.of("manager", "human", "person", "help", "agent",
            "speak to someone", "talk to someone", "speak to a person", "talk to a person");
    private static final Set<String> NONE = Set.of("none", "no", "nothing", "n/a", "na", "nil", "no allergies");
    // Quick replies; without the quick-reply template the messaging side numbers them, so "1"/"2" are answers too.
    private static final List<String> YES_NO = List.of("Yes", "No");
    private static final List<String> CARRY_ON_OR_START_AGAIN = List.of("Carry on", "Start again");

    private final PlayerRepository registrations;
    private final RegistrationActions actions;
    private final ConversationSettings settings;
    private final Clock clock;

    public GuidedResponder(ResponderContext context) {
        this.registrations = context.players();
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
        List<String> said = new ArrayList<>();
        boolean earlierAttempt = turn.earlierAttempt();
        for (InboundMessage message : turn.messages()) {
            String answer = normalise(message.body());
            if (ASK_FOR_A_PERSON.contains(answer)) {
                actions.requestHumanHelp(conversationId, "The parent asked to speak to a person");
                return Reply.text("I've asked the team manager to get in touch with you. A person will reply soon.");
            }
            List<Player> players = registrations.inConversation(conversationId);
            if (earlierAttempt) {
                earlierAttempt = false;
                List<Player> started = players.stream()
                        .filter(p -> p.stage().inProgress() && p.stage() != Stage.INITIAL_CONTACT).toList();
                if (!started.isEmpty()) {
                    Optional<Boolean> carryOn = carryOnOrStartAgain(answer);
                    if (carryOn.isEmpty()) {
                        return earlierAttemptOffer(started, said);
                    }
                    registrations.acknowledgeEarlierAttempt(conversationId, clock.instant());
                    if (!carryOn.get()) {
                        started.forEach(p -> actions.startAgain(conversationId, p.id()));
                        said.add("No problem, let's start again.");
                    } else {
                        said.add("Great, let's carry on where we left off.");
                    }
                    continue;
                }
                registrations.acknowledgeEarlierAttempt(conversationId, clock.instant());
            }
            current(players).ifPresent(player -> answer(conversationId, player, answer, message.body(), said));
        }
        return next(conversationId, turn.parentFirstName(), said);
    }

    private void answer(long conversationId, Player player, String answer, String original, List<String> said) {
        switch (player.stage()) {
            case INITIAL_CONTACT -> yesNo(answer).ifPresentOrElse(yes -> {
                actions.updateRegistrationStatus(conversationId, new StatusChange(player.id(),
                        yes ? RegistrationStatus.CONFIRMED : RegistrationStatus.DECLINED, null, null));
                said.add(yes ? "Great!" : "No problem, we've noted that " + player.firstName()
                        + " won't be registering for " + player.season() + ". Thanks for letting us know.");
            }, () -> said.add("Sorry, I didn't catch that."));
            case RETURNING_PLAYER_CHECK -> yesNo(answer).ifPresentOrElse(yes -> actions.updateRegistrationStatus(
                    conversationId, new StatusChange(player.id(), RegistrationStatus.CONFIRMED, yes, null)),
                    () -> said.add("Sorry, I didn't catch that."));
            case INFO_COLLECTION -> recordDetail(conversationId, player, answer, original, said);
            default -> { }
        }
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

    private Reply next(long conversationId, String parentFirstName, List<String> said) {
        List<Player> players = completeReadyRegistrations(conversationId, said);
        Optional<Player> current = current(players);
        if (current.isEmpty()) {
            said.add(closing(parentFirstName, players));
            return Reply.text(String.join("\n\n", said));
        }
        Player player = current.get();
        return switch (player.stage()) {
            case INITIAL_CONTACT -> ask(said, "Would you like to register " + player.firstName() + " with "
                    + player.teamName() + " for the " + player.season() + " season?", YES_NO);
            case RETURNING_PLAYER_CHECK -> ask(said, "Did " + player.firstName() + " play for " + settings.clubName()
                    + " last season?", YES_NO);
            default -> detailQuestion(player, said);
        };
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

    private static Reply earlierAttemptOffer(List<Player> started, List<String> said) {
        String names = started.stream().map(Player::firstName).collect(Collectors.joining(" and "));
        return ask(said, "Welcome back! You've already started registering " + names + ". If anything went wrong "
                + "last time, we can start again; or carry on from where you left off.", CARRY_ON_OR_START_AGAIN);
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
