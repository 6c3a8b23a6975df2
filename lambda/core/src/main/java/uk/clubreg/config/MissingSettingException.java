package uk.clubreg.config;

/** A required setting has no value anywhere: a deployment mistake, reported by name. */
public final class MissingSettingException extends IllegalStateException {
    public MissingSettingException(Setting setting) {
        super("Required setting " + setting.name() + " is not configured (see docs/configuration.md)");
    }
}
