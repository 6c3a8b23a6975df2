package uk.clubreg.jobs;

import java.util.Arrays;

/** The kinds of work the worker does. The wire name is what the queue message carries. */
public enum JobType {
    SEND_INVITATION("send_invitation"),
    INBOUND_MESSAGE("inbound_message"),
    // A free-form reply Twilio refused outside the 24-hour window (63016), sent again as a template.
    RESEND_AS_TEMPLATE("resend_as_template");

    private final String wireName;

    JobType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static JobType fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown job type: " + name));
    }
}
