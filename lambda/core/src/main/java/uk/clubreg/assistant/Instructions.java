package uk.clubreg.assistant;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumSet;
import java.util.Set;
import uk.clubreg.json.Json;
import uk.clubreg.players.Player;
import uk.clubreg.players.RequiredDetails;
import uk.clubreg.players.Stage;

/**
 * The AI's instructions for one turn: the persona and club from configuration,
 * guidance for each stage the parent's players are in, and this parent's players as context. Sent with every
 * request (never stored in the OpenAI conversation), so they always match the database. Only what the model needs
 * is sent about a child: first name, team, season, stage and which details are missing, never their values.
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
                .append("- If the parent asks for a person, is unhappy, or asks something you cannot answer (fees, ")
                .append("safeguarding, medical advice), call request_human_help and tell them a person will be in ")
                .append("touch.\n\n");
        Set<Stage> stages = EnumSet.noneOf(Stage.class);
        turn.players().forEach(p -> stages.add(p.stage()));
        text.append("What to do for each child, by stage:\n");
        for (Stage stage : stages) {
            text.append("- ").append(stage.wireName()).append(": ").append(guidance(stage)).append('\n');
        }
        if (turn.earlierAttempt() && turn.players().stream().anyMatch(Instructions::hasProgress)) {
            text.append("\nThis parent has already started registering before and has just been invited again. ")
                    .append("Acknowledge the earlier attempt, ask whether they had any problems, and offer to carry ")
                    .append("on from where they left off or to start again (if they start again, ask for every ")
                    .append("detail afresh and record the new answers).\n");
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
            case RETURNING_PLAYER_CHECK -> "ask whether the child was registered with the club last season, and "
                    + "record the answer with update_registration_status (status confirmed, is_returning_player).";
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
            node.put("stage", player.stage().wireName());
            node.put("status", player.status().wireName());
            ArrayNode missing = node.putArray("missing");
            RequiredDetails.missing(player).forEach(missing::add);
        }
        return Json.write(players);
    }
}
