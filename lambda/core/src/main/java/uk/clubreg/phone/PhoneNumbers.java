package uk.clubreg.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Optional;
import java.util.Set;

/** Phone numbers as people type them, turned into E.164 ({@code 07700 900123} in GB gives {@code +447700900123}). */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final Set<PhoneNumberType> MOBILE_TYPES =
            Set.of(PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE);
    // Ofcom reserves +44 7700 900000-900999 for drama and testing. libphonenumber calls them invalid, but they
    // are the only numbers examples and tests may use (docs/decisions/0011-drama-numbers-are-mobiles.md).
    private static final String DRAMA_PREFIX = "+447700900";

    private PhoneNumbers() {}

    /** The number in E.164 when it is a valid mobile number; empty otherwise (including unparseable input). */
    public static Optional<String> toE164Mobile(String raw, String defaultRegion) {
        return parse(raw, defaultRegion).flatMap(number -> {
            String e164 = UTIL.format(number, PhoneNumberFormat.E164);
            if (isDramaNumber(e164)) {
                return Optional.of(e164);
            }
            boolean mobile = UTIL.isValidNumber(number) && MOBILE_TYPES.contains(UTIL.getNumberType(number));
            return mobile ? Optional.of(e164) : Optional.empty();
        });
    }

    /** The number in E.164 when it is any valid number (a manager's landline is fine); empty otherwise. */
    public static Optional<String> toE164(String raw, String defaultRegion) {
        return parse(raw, defaultRegion).flatMap(number -> {
            String e164 = UTIL.format(number, PhoneNumberFormat.E164);
            return isDramaNumber(e164) || UTIL.isValidNumber(number) ? Optional.of(e164) : Optional.empty();
        });
    }

    private static boolean isDramaNumber(String e164) {
        return e164.length() == 13 && e164.startsWith(DRAMA_PREFIX);
    }

    private static Optional<PhoneNumber> parse(String raw, String defaultRegion) {
        if (raw == null || raw.isBlank() || raw.length() > 30) {
            return Optional.empty();
        }
        try {
            return Optional.of(UTIL.parse(raw.trim(), defaultRegion));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}
