package uk.clubreg.messaging;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.clubreg.config.Config;
import uk.clubreg.config.Setting;
import uk.clubreg.conversations.ConversationRepository;
import uk.clubreg.logging.Mask;
import uk.clubreg.phone.PhoneNumbers;
import uk.clubreg.players.Player;

/**
 * Notices to the club's people rather than to parents: a player's team managers (the phone on the invitation), or
 * the club admins (CLUB_ADMIN_TELS) when no manager has one. Free-form inside the recipient's own 24-hour window,
 * the staff-notice template outside it (docs/decisions/0063-hand-offs-and-staff-notices.md). Each recipient gets a
 * notice once per key.
 */
public final class StaffNotices {

    /** Who was told; empty when nobody could be (no manager phone and no club admin). */
    public record Told(List<String> phones, boolean clubAdmins) {
        public boolean nobody() {
            return phones.isEmpty();
        }
    }

    private record Recipient(String phone, String name) {}

    private static final Logger LOG = LoggerFactory.getLogger(StaffNotices.class);

    private final Config config;
    private final OutboundMessages outbound;
    private final ConversationRepository messages;
    private final Templates templates;
    private final Clock clock;

    StaffNotices(Config config, OutboundMessages outbound, ConversationRepository messages, Templates templates,
                 Clock clock) {
        this.config = config;
        this.outbound = outbound;
        this.messages = messages;
        this.templates = templates;
        this.clock = clock;
    }

    /** Tells the team managers of these players, or the club admins when none of them has a usable phone. */
    public Told tellTeamManagers(List<Player> players, String idempotencyKey, String text) {
        Map<String, Recipient> managers = new LinkedHashMap<>();
        for (Player player : players) {
            phone(player.managerTel()).ifPresent(phone ->
                    managers.putIfAbsent(phone, new Recipient(phone, player.managerFullName())));
        }
        if (managers.isEmpty()) {
            return tellClubAdmins(idempotencyKey, text);
        }
        return sendAll(List.copyOf(managers.values()), idempotencyKey, text, false);
    }

    /** Tells every club admin (CLUB_ADMIN_TELS). */
    public Told tellClubAdmins(String idempotencyKey, String text) {
        List<Recipient> admins = new ArrayList<>();
        for (String entry : config.get(Setting.CLUB_ADMIN_TELS).map(tels -> tels.split(",")).orElse(new String[0])) {
            Optional<String> phone = phone(entry);
            if (phone.isPresent()) {
                admins.add(new Recipient(phone.get(), null));
            } else if (!entry.isBlank()) {
                LOG.atError().addKeyValue("entry", Mask.phone(entry)).log("CLUB_ADMIN_TELS has an invalid number; skipped");
            }
        }
        Told told = sendAll(admins, idempotencyKey, text, true);
        if (told.nobody()) {
            LOG.atError().addKeyValue("notice", idempotencyKey)
                    .log("Nobody to tell: no team manager phone and no CLUB_ADMIN_TELS. /registrations shows it");
        }
        return told;
    }

    private Told sendAll(List<Recipient> recipients, String idempotencyKey, String text, boolean clubAdmins) {
        for (Recipient recipient : recipients) {
            outbound.send(Outgoing.to(idempotencyKey + ":" + recipient.phone(), null, null, render(recipient, text)));
        }
        return new Told(recipients.stream().map(Recipient::phone).toList(), clubAdmins);
    }

    private OutboundMessage render(Recipient recipient, String text) {
        Instant now = clock.instant();
        boolean windowOpen = messages.lastInboundFrom(recipient.phone())
                .filter(at -> now.isBefore(at.plus(ConversationReplies.WINDOW))).isPresent();
        Optional<String> template = templates.staffNotice();
        if (windowOpen || template.isEmpty()) {
            if (!windowOpen) {
                LOG.atWarn().addKeyValue("to", Mask.phone(recipient.phone()))
                        .log("No TWILIO_MANAGER_NOTICE_CONTENT_SID: sent free-form outside the window, Twilio will refuse it");
            }
            return OutboundMessage.freeform(recipient.phone(), text);
        }
        return OutboundMessage.template(recipient.phone(), template.get(),
                NoticeVariables.staffNotice(recipient.name(), config.require(Setting.CLUB_NAME), text));
    }

    private Optional<String> phone(String raw) {
        return raw == null || raw.isBlank() ? Optional.empty()
                : PhoneNumbers.toE164(raw.trim(), config.require(Setting.DEFAULT_PHONE_REGION));
    }
}
