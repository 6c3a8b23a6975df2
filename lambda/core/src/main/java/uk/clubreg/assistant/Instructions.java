package uk.clubreg.assistant;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import uk.clubreg.json.Json;
import uk.clubreg.players.Fees;
import uk.clubreg.players.LastSeason;
import uk.clubreg.players.Player;
import uk.clubreg.players.RequiredDetails;
import uk.clubreg.players.Stage;

/**
 * The AI's instructions for one turn: the persona and club from configuration,
 * guidance for each stage the parent's players are in, and this parent's players as context. Sent with every
 * request (never stored in the OpenAI conversation), so they always match the database. Only what the model needs
 * is sent about a child: first name, team, season, manager, fees, stage and which details are missing, never their
 * values; a returning player's details from last season are the one exception, sent only while the parent is asked
 * whether they are still right (docs/decisions/0064-returning-players.md). Names are first names only. Unless
 * AI_SENSITIVE_DETAILS is ai, medical notes and the emergency contact are the club's own questions: the model is
 * told not to ask them, and last season's emergency contact is not sent
 * (docs/decisions/0094-sensitive-details-in-guided-steps.md).
 */
public final class Instructions {

    /** The guided step follows the model's reply (docs/decisions/0094-sensitive-details-in-guided-steps.md). */
    static final String CLUB_ASKS = "- medical_notes and the emergency contact are the club's own questions, "
            + "sent after your reply: never ask for them or repeat them. When a child misses only those, thank the "
            + "parent and say the club's questions follow; do not say the registration is complete.\n";

    /** Only when the club asks for photos (docs/decisions/0115-player-photo.md). */
    static final String PHOTO = "- player_photo: ask for a clear head-and-shoulders photo of the child, sent as a "
            + "picture in this chat. It is kept when it arrives, and the message says so ([photo of Sam, kept for "
            + "the registration]) or why it was not; you never see it.\n";

    private Instructions() {}

    public static String forTurn(ConversationSettings settings, Turn turn) {
        // Fixed text first, then what varies by stage, then the players: OpenAI's prompt cache serves the longest
        // prefix a request shares with the last one (docs/decisions/0017-a-lean-prompt.md).
        StringBuilder text = new StringBuilder();
        text.append("You are ").append(settings.assistantName()).append(", the ").append(settings.clubName())
                .append(" Registration Assistant, helping a parent on WhatsApp register their children for the ")
                .append("coming football season.\n")
                .append("- Be friendly and brief: plain text in the parent's language, no markdown, one or two questions at ")
                .append("a time, one child at a time, always naming the child.\n")
                .append("- Act only on the player ids in Players, whatever the parent writes.\n")
                .append("- Record each answer with the tools at once; Players shows the result. If a tool returns ")
                .append("an error, do not say it worked: explain briefly and ask again.\n")
                .append("- Answer fee questions from Players (pounds; a fee not listed is not set yet, the team ")
                .append("manager will confirm it).\n")
                .append("- If the parent asks for a person, is unhappy, or asks what Players cannot answer ")
                .append("(safeguarding, medical advice, anything else), call request_human_help.\n")
                .append("- [photo], [voice note], [video], [location], [file]: something you cannot see or hear; ")
                .append("ask the parent to type it.\n");
        if (!settings.sensitiveDetails().toModel()) {
            text.append(CLUB_ASKS);
        }
        if (turn.players().stream().anyMatch(Player::photoRequired)) {
            text.append(PHOTO);
        }
        text.append("\nBy stage:\n");
        Set<Stage> stages = EnumSet.noneOf(Stage.class);
        turn.players().forEach(p -> stages.add(p.stage()));
        for (Stage stage : stages) {
            text.append("- ").append(stage.wireName()).append(": ").append(guidance(stage)).append('\n');
        }
        List<Player> reinvited = turn.players().stream()
                .filter(p -> turn.reinvited().contains(p.id()) && hasProgress(p)).toList();
        if (!reinvited.isEmpty()) {
            text.append("\nThe team manager has invited ").append(Player.firstNames(reinvited)).append(" again, ")
                    .append("and this parent had already started that registration. Acknowledge the earlier ")
                    .append("attempt, ask whether they had any problems, and offer to carry on from where they left ")
                    .append("off or to start again. Starting again concerns only ").append(Player.firstNames(reinvited))
                    .append(": ask for each of those details afresh and record the new answers; leave the other ")
                    .append("children's answers as they are.\n");
        }
        text.append("\nParent: ").append(turn.parentFirstName() == null ? "unknown" : turn.parentFirstName());
        // The parent's language is their state: after the shared prefix, never in it; none until it is known.
        if (turn.language() != null) {
            text.append("\nLanguage: ").append(Locale.of(turn.language()).getDisplayLanguage(Locale.ENGLISH));
        }
        text.append("\nPlayers: ").append(playersJson(turn, settings.sensitiveDetails()));
        return text.toString();
    }

    private static String guidance(Stage stage) {
        return switch (stage) {
            case INITIAL_CONTACT -> "ask whether they are happy to register the child. Yes: set status confirmed. "
                    + "No: acknowledge it politely and set status declined.";
            case RETURNING_PLAYER_CHECK -> "with last_season, show those details, ask if they are still right and "
                    + "call confirm_last_season_details, then ask only for what changed. Without it, ask whether the "
                    + "child was registered with the club last season (status confirmed with is_returning_player).";
            case INFO_COLLECTION -> "ask for what is missing and record it. When nothing is missing, set status "
                    + "completed and thank the parent.";
            case COMPLETED -> "registered. Answer questions; details can still be corrected.";
            case DECLINED -> "declined this season. If they change their mind, set status confirmed and carry on.";
            case ARCHIVED -> "archived; nothing can change.";
        };
    }

    private static boolean hasProgress(Player player) {
        return player.stage() != Stage.INITIAL_CONTACT;
    }

    private static String playersJson(Turn turn, SensitiveDetails sensitive) {
        ArrayNode players = Json.MAPPER.createArrayNode();
        for (Player player : turn.players()) {
            ObjectNode node = players.addObject();
            node.put("player_id", String.valueOf(player.id()));
            node.put("first_name", player.firstName()); // first names tell siblings apart: no more is sent
            node.put("team", player.teamName() + (player.ageGroup() == null ? "" : " " + player.ageGroup()));
            node.put("season", player.season());
            node.put("team_manager", player.managerFullName());
            if (player.membershipFee() != null) {
                node.put("membership_fee", Fees.amount(player.membershipFee()));
            }
            if (player.subscriptionFee() != null) {
                node.put("subscription_fee", Fees.amount(player.subscriptionFee()));
            }
            node.put("stage", player.stage().wireName()); // the stage says the status too
            ArrayNode missing = node.putArray("missing");
            RequiredDetails.missing(player).forEach(missing::add);
            LastSeason last = turn.lastSeason().get(player.id());
            if (last != null && player.returningPlayer() == null && player.unfinished()) {
                ObjectNode lastSeason = node.putObject("last_season").put("season", last.season())
                        .put("date_of_birth", last.dateOfBirth() == null ? null : last.dateOfBirth().toString());
                if (sensitive.toModel()) {
                    lastSeason.put("emergency_contact_name", last.emergencyContactName())
                            .put("emergency_contact_tel", last.emergencyContactTel());
                }
                lastSeason.put("kit_size", last.kitSize());
            }
        }
        return Json.write(players);
    }
}
