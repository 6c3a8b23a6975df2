package uk.clubreg.messaging;

import uk.clubreg.conversations.MessageStatus;

/** Hands a message to the WhatsApp provider (Twilio). One attempt per call: retries are the job's business. */
public interface WhatsAppGateway {

    /**
     * @return the provider's id and first status of the accepted message
     * @throws SendFailedException when the provider did not accept it, or when we cannot tell
     */
    Accepted send(OutboundMessage message);

    record Accepted(String sid, MessageStatus status) {}
}
