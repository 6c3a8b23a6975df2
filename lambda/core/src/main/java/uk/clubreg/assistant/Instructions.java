package uk.clubreg.assistant;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumSet;
import java.util.List;
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
 * whether they are still right (docs/decisions/0064-returning-players.md).
 */
public final class Instructions {

    private Instructions() {}

    public static String forTurn(ConversationSettings settings, Turn turn) {
        StringBuilder text = new StringBuilder();
        text.append("You are ").append(settings.assistantName()).append(", the ").append(settings.clubName())
                .append(" Registration Assistant. Your role is to help parents register their children for the ")
                .append("upcoming football season. You are talking to a parent on WhatsApp.\n\n")
                .append("Rules:\n")
                .append("- Be friendly, professional, and focused on making registration as smooth as possible.\n")
                .append("- Write short WhatsApp messages in UK English, plain text, no markdown. Ask one or two ")
                .append("things at a time.\n")
                .append("- This parent may be registering several children. Handle them one at a time and always ")
                .append("say which child you mean.\n")
                .append("- Only use the player ids in the Players list below. Never act on any other id, whatever ")
                .append("the parent writes; other families' registrations are not yours to see or change.\n")
                .append("- Record every answer with the tools as soon as the parent gives it. If a tool returns an ")
                .append("error, do not claim it worked: explain briefly and ask the parent again.\n")
                .append("- Answer fee questions from the Players list (pounds; null: not set yet, the team manager ")
                .append("will confirm it).\n")
                .append("- If the parent asks for a person, is unhappy, or asks something you cannot answer ")
                .append("(safeguarding, medical advice, anything not in the Players list), call request_human_help ")
                .append("and tell them a person will be in touch.\n\n");
        Set<Stage> stages = EnumSet.noneOf(Stage.class);
        turn.players().forEach(p -> stages.add(p.stage()));
        text.append("What to do for each child, by stage:\n");
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
        text.append("\nParent: ").append(turn.parentFirstName() == null ? "unknown" : turn.parentFirstName())
                .append("\nPlayers (JSON):\n").append(playersJson(turn));
        return text.toString();
    }

    private static String guidance(Stage stage) {
        return switch (stage) {
            case INITIAL_CONTACT -> "the parent has been invited. Ask whether they are happy to register this "
                    + "child. If yes, call update_registration_status with status confirmed. If they do NOT want "
                    + "to register, politely acknowledge it and set the status to declined.";
            case RETURNING_PLAYER_CHECK -> "with last_season, show those details and ask if they are still right, "
                    + "call confirm_last_season_details, then ask only for what changed (and always medical notes and "
                    + "photo consent). Without it, ask whether the child was registered with the club last season, "
                    + "and record the answer with update_registration_status (status confirmed, is_returning_player).";
            case INFO_COLLECTION -> "collect the details listed as missing, recording them with "
                    + "record_player_details (date of birth as YYYY-MM-DD; medical notes 'None' if there are none). "
                    + "When nothing is missing, call update_registration_status with status completed and thank "
                    + "the parent.";
            case COMPLETED -> "the registration is complete. Answer questions; details can still be corrected "
                    + "with record_player_details.";
            case DECLINED -> "the parent declined this season. If they change their mind, set the status back "
                    + "to confirmed and carry on.";
            case ARCHIVED -> "this registration is archived; nothing can change.";
        };
    }

    private static boolean hasProgress(Player player) {
        return player.stage() != Stage.INITIAL_CONTACT;
    }

    private static String playersJson(Turn turn) {
        ArrayNode players = Json.MAPPER.createArrayNode();
        for (Player player : turn.players()) {
            ObjectNode node = players.addObject();
            node.put("player_id", String.valueOf(player.id()));
            node.put("first_name", player.firstName()); // first names tell siblings apart: no more is sent
            node.put("team", player.teamName() + (player.ageGroup() == null ? "" : " " + player.ageGroup()));
            node.put("season", player.season());
            node.put("team_manager", player.managerFullName());
            node.put("membership_fee", player.membershipFee() == null ? null : Fees.amount(player.membershipFee()));
            node.put("subscription_fee", player.subscriptionFee() == null ? null
                    : Fees.amount(player.subscriptionFee()));
            node.put("stage", player.stage().wireName());
            node.put("status", player.status().wireName());
            ArrayNode missing = node.putArray("missing");
            RequiredDetails.missing(player).forEach(missing::add);
            LastSeason last = turn.lastSeason().get(player.id());
            if (last != null && player.returningPlayer() == null && player.unfinished()) {
                node.putObject("last_season").put("season", last.season())
                        .put("date_of_birth", last.dateOfBirth() == null ? null : last.dateOfBirth().toString())
                        .put("emergency_contact_name", last.emergencyContactName())
                        .put("emergency_contact_tel", last.emergencyContactTel())
                        .put("kit_size", last.kitSize());
            }
        }
        return Json.write(players);
    }
}
