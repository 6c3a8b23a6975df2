package uk.clubreg.messaging;

/** The WhatsApp provider's records of messages (Twilio's Message resources, with their media). */
public interface MessageRecords {

    /**
     * @return true when the provider deleted it, false when it no longer had it
     * @throws RuntimeException when the provider could not be asked, or cannot delete it yet: the job is retried
     */
    boolean delete(String messageSid);
}
