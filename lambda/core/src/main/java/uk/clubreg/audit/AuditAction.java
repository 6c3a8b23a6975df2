package uk.clubreg.audit;

/** What an actor did with collected details; the wire names are the {@code access_audit.action} values. */
public enum AuditAction {
    /** A team's registrations: players' and parents' names and parents' numbers ({@code GET /registrations}). */
    READ_TEAM("read_team"),
    /** One player's collected details (date of birth, medical notes, emergency contact...). */
    READ_DETAILS("read_details"),
    /** Everything held about a parent and their children, or a team's export. */
    EXPORT("export"),
    /** A parent's data erased. */
    ERASURE("erasure"),
    /** Message bodies or details removed because their retention period ended. */
    RETENTION("retention");

    private final String wireName;

    AuditAction(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static AuditAction fromWire(String wireName) {
        for (AuditAction action : values()) {
            if (action.wireName.equals(wireName)) {
                return action;
            }
        }
        throw new IllegalArgumentException("Unknown audit action " + wireName);
    }
}
