package uk.clubreg.players;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** A fee as messages write it, without the currency sign: 40 stays "40", 26.5 becomes "26.50". */
public final class Fees {

    private Fees() {}

    public static String amount(BigDecimal amount) {
        BigDecimal whole = amount.stripTrailingZeros();
        return whole.scale() <= 0 ? whole.toPlainString() : amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
