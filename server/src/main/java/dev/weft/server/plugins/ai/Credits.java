package dev.weft.server.plugins.ai;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Credits as users see them (decimal numbers) and as they are stored and summed (whole micro-credits, so that
 * sums are exact).
 */
public final class Credits {
    private static final int SCALE = 6;

    private Credits() {
    }

    /** {@code credits} in micro-credits, rounded up (a fraction of a micro-credit still costs one). */
    public static long toMicros(BigDecimal credits) {
        return credits.movePointRight(SCALE).setScale(0, RoundingMode.CEILING).longValueExact();
    }

    /** {@code micros} as credits, without trailing zeros (and never in exponent notation: 10, not 1E+1). */
    public static BigDecimal fromMicros(long micros) {
        BigDecimal credits = BigDecimal.valueOf(micros, SCALE).stripTrailingZeros();
        return credits.scale() < 0 ? credits.setScale(0) : credits;
    }
}
