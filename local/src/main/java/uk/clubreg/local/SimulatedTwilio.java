package uk.clubreg.local;

import java.util.Map;
import uk.clubreg.config.Setting;
import uk.clubreg.local.simulator.SimulatedTemplate;
import uk.clubreg.local.simulator.SimulatorOptions;

/**
 * With no TWILIO_ACCOUNT_SID, the local stack's Twilio is the WhatsApp simulator: local credentials and template
 * SIDs, and the real twilio-java client pointed at the simulator's fake Messages API. None of these values exist
 * at Twilio.
 */
public final class SimulatedTwilio {

    static final String ACCOUNT_SID = "AC00000000000000000000000000000000";
    static final String AUTH_TOKEN = "local-simulator-auth-token";
    static final String CLUB_NUMBER = "+447700900000";
    static final String INVITE_CONTENT_SID = "HX00000000000000000000000000000001";
    static final String EXISTING_CONTENT_SID = "HX00000000000000000000000000000002";
    static final String QUICK_REPLY_CONTENT_SID = "HX00000000000000000000000000000003";
    static final String REMINDER_CONTENT_SID = "HX00000000000000000000000000000004";
    static final String MANAGER_NOTICE_CONTENT_SID = "HX00000000000000000000000000000005";

    private SimulatedTwilio() {}

    /** Adds the simulator's Twilio settings to {@code settings}, keeping any the user set. */
    public static void configure(Map<String, String> settings, String localBaseUrl) {
        settings.put(Setting.TWILIO_ACCOUNT_SID.name(), ACCOUNT_SID);
        settings.put(Setting.TWILIO_AUTH_TOKEN.name(), AUTH_TOKEN);
        settings.put(Setting.TWILIO_API_BASE_URL.name(), localBaseUrl + "/simulator/twilio");
        settings.putIfAbsent(Setting.TWILIO_WHATSAPP_FROM.name(), "whatsapp:" + CLUB_NUMBER);
        settings.putIfAbsent(Setting.TWILIO_INVITE_CONTENT_SID.name(), INVITE_CONTENT_SID);
        settings.putIfAbsent(Setting.TWILIO_EXISTING_CONTENT_SID.name(), EXISTING_CONTENT_SID);
        settings.putIfAbsent(Setting.TWILIO_QUICK_REPLY_CONTENT_SID.name(), QUICK_REPLY_CONTENT_SID);
        settings.putIfAbsent(Setting.TWILIO_REMINDER_CONTENT_SID.name(), REMINDER_CONTENT_SID);
        settings.putIfAbsent(Setting.TWILIO_MANAGER_NOTICE_CONTENT_SID.name(), MANAGER_NOTICE_CONTENT_SID);
    }

    static SimulatorOptions options(Map<String, String> settings, String localBaseUrl) {
        return new SimulatorOptions(settings.get(Setting.PUBLIC_BASE_URL.name()), localBaseUrl, AUTH_TOKEN, ACCOUNT_SID,
                CLUB_NUMBER, Map.of(
                        settings.get(Setting.TWILIO_INVITE_CONTENT_SID.name()), SimulatedTemplate.invitation(),
                        settings.get(Setting.TWILIO_EXISTING_CONTENT_SID.name()), SimulatedTemplate.existingRegistration(),
                        settings.get(Setting.TWILIO_QUICK_REPLY_CONTENT_SID.name()), SimulatedTemplate.quickReply(),
                        settings.get(Setting.TWILIO_REMINDER_CONTENT_SID.name()), SimulatedTemplate.reminder(),
                        settings.get(Setting.TWILIO_MANAGER_NOTICE_CONTENT_SID.name()), SimulatedTemplate.staffNotice()));
    }
}
