package uk.clubreg.conversations;

import java.util.Locale;

/** Inbound: text or media. Outbound: a Content API template or free-form text (only inside the 24-hour window). */
public enum MessageKind {
    TEXT, MEDIA, TEMPLATE, FREEFORM;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MessageKind fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
