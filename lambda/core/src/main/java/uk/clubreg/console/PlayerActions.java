package uk.clubreg.console;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import uk.clubreg.chasers.Chasers;
import uk.clubreg.handoffs.HandOffs;
import uk.clubreg.http.FormBody;
import uk.clubreg.http.HttpRequest;
import uk.clubreg.http.HttpResponse;
import uk.clubreg.invitations.InvitationRequest;
import uk.clubreg.invitations.InvitationResult;
import uk.clubreg.invitations.InvitationService;
import uk.clubreg.parents.Parent;
import uk.clubreg.parents.ParentRepository;
import uk.clubreg.persistence.Transactions;
import uk.clubreg.players.Player;
import uk.clubreg.players.PlayerRepository;
import uk.clubreg.players.RegistrationStatus;
import uk.clubreg.players.Stage;

/**
 * The buttons of a player's page. Each checks the form's CSRF token and the viewer's scope, calls the same service
 * as the admin routes (so opt-outs, quiet hours and the 24-hour window apply as there), and goes back to the
 * player's page with what happened ({@code ?done=…}, worded by {@link #NOTICES}).
 */
final class PlayerActions {

    /** What each outcome says on the player's page; anything else in {@code done} shows nothing. */
    static final Map<String, String> NOTICES = Map.ofEntries(
            Map.entry("released", "Released: the assistant is answering the parent again, including what they wrote meanwhile."),
            Map.entry("not_waiting", "Nobody had this conversation: there was nothing to release."),
            Map.entry("chased", "Reminder sent to the parent."),
            Map.entry("chase_quiet_hours", "Not sent: it is quiet hours. Try again in the morning."),
            Map.entry("chase_opted_out", "Not sent: the parent opted out of WhatsApp messages. Phone them."),
            Map.entry("chase_unreachable", "Not sent: WhatsApp cannot reach the parent. Phone them."),
            Map.entry("chase_waiting_for_person", "Not sent: the parent is waiting for a person. Contact them, then release."),
            Map.entry("chase_reminded_today", "Not sent: the parent was already reminded today."),
            Map.entry("chase_finished", "Not sent: this registration is finished."),
            Map.entry("resent", "The invitation was sent again, as the \"existing registration\" message."),
            Map.entry("not_resent", "Not sent again: the parent has not answered the invitation yet (use Send a reminder), "
                    + "was already sent it again, or the registration is finished."),
            Map.entry("declined", "Marked declined."),
            Map.entry("withdrawn", "Marked withdrawn."));

    private final Sessions sessions;
    private final Access access;
    private final Responses responses;
    private final PlayerRepository players;
    private final ParentRepository parents;
    private final Transactions transactions;
    private final HandOffs handOffs;
    private final Chasers chasers;
    private final InvitationService invitations;
    private final ZoneId zone;
    private final Clock clock;

    PlayerActions(Sessions sessions, Access access, Responses responses, PlayerRepository players,
                  ParentRepository parents, Transactions transactions, HandOffs handOffs, Chasers chasers,
                  InvitationService invitations, ZoneId zone, Clock clock) {
        this.sessions = sessions;
        this.access = access;
        this.responses = responses;
        this.players = players;
        this.parents = parents;
        this.transactions = transactions;
        this.handOffs = handOffs;
        this.chasers = chasers;
        this.invitations = invitations;
        this.zone = zone;
        this.clock = clock;
    }

    /** POST …/release: the assistant answers the parent again. */
    HttpResponse release(Viewer viewer, HttpRequest request) {
        return act(viewer, request, (player, form) -> player.conversationId() == null ? "not_waiting"
                : switch (handOffs.release(player.conversationId()).outcome()) {
                    case RELEASED -> "released";
                    case NOT_WAITING_FOR_A_PERSON, NOT_FOUND -> "not_waiting";
                });
    }

    /** POST …/chase: a reminder now, unless quiet hours, an opt-out or the like stand in the way. */
    HttpResponse chase(Viewer viewer, HttpRequest request) {
        return act(viewer, request, (player, form) -> chasers.chaseNow(player.id())
                .map(outcome -> outcome.finished() ? "chase_finished" : outcome.reminded() ? "chased"
                        : "chase_" + outcome.skipped().map(skip -> skip.wireName()).orElse("finished"))
                .orElse("chase_finished"));
    }

    /**
     * POST …/resend: the invitation posted again, exactly as {@code /trigger} takes a repeated one: once the parent
     * has answered and while the registration is unfinished, the existing-registration message goes, once.
     */
    HttpResponse resend(Viewer viewer, HttpRequest request) {
        return act(viewer, request, (player, form) -> {
            Parent parent = parents.find(player.parentId()).orElseThrow();
            InvitationResult result = invitations.invite(new InvitationRequest(player.firstName(), player.lastName(),
                    parent.phone(), parent.firstName(), parent.lastName(), player.teamName(), player.ageGroup(),
                    player.managerFullName(), player.managerTel(), player.season(), player.membershipFee(),
                    player.subscriptionFee()), request.requestId());
            return result.reinvited() ? "resent" : "not_resent";
        });
    }

    /** POST …/close with {@code reason} declined or withdrawn: no more reminders; the reason goes in the notes. */
    HttpResponse close(Viewer viewer, HttpRequest request) {
        return act(viewer, request, (player, form) -> {
            String reason = form.getOrDefault("reason", "");
            if (!reason.equals("declined") && !reason.equals("withdrawn")) {
                return "";
            }
            String note = (reason.equals("withdrawn") ? "Withdrawn" : "Marked declined") + " in the console by "
                    + (viewer.clubAdmin() ? "a club admin" : "the team manager") + " on "
                    + LocalDate.ofInstant(clock.instant(), zone);
            transactions.inTransaction(() -> players.updateStatus(player.id(), RegistrationStatus.DECLINED,
                    Stage.DECLINED, player.returningPlayer(), note));
            return reason;
        });
    }

    private HttpResponse act(Viewer viewer, HttpRequest request,
                             BiFunction<Player, Map<String, String>, String> action) {
        Map<String, String> form = FormBody.parse(request.body());
        if (!sessions.csrfMatches(request, form)) {
            return responses.formExpired(viewer);
        }
        Optional<Player> player = request.idParameter("player_id").flatMap(players::find)
                .filter(found -> access.seesPlayer(viewer, found));
        if (player.isEmpty()) {
            return responses.notFound(viewer);
        }
        String done = action.apply(player.get(), form);
        return Responses.redirect(responses.paths().player(player.get().id()) + (done.isEmpty() ? "" : "?done=" + done));
    }
}
