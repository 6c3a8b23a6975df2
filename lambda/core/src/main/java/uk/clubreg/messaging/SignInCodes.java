package uk.clubreg.messaging;

import java.util.Map;

/**
 * Sends a console sign-in code: the authentication template (code in {{1}}) when TWILIO_LOGIN_CONTENT_SID is set,
 * else free-form, which the local stack's simulator shows. The code is never stored with the message.
 */
public final class SignInCodes {

    private final OutboundMessages outbound;
    private final Templates templates;
    private final String clubName;

    SignInCodes(OutboundMessages outbound, Templates templates, String clubName) {
        this.outbound = outbound;
        this.templates = templates;
        this.clubName = clubName;
    }

    public OutboundMessages.Result send(String phone, String code, String idempotencyKey, int validMinutes) {
        OutboundMessage message = templates.signInCode()
                .map(sid -> OutboundMessage.template(phone, sid, Map.of("1", code)))
                .orElseGet(() -> OutboundMessage.freeform(phone, code + " is your " + clubName
                        + " console code. It expires in " + validMinutes + " minutes. Do not share it."));
        return outbound.send(Outgoing.to(idempotencyKey, null, null, message).withoutStoringText());
    }
}
