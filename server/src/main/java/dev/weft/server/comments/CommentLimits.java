package dev.weft.server.comments;

import java.time.Duration;

/**
 * What one commenter may write: the size of a comment, and how many comments (threads, replies and edits alike)
 * per period, per subject, so that one reader cannot flood a document or its owner's notifications.
 *
 * @param maxBodyChars the longest comment, in UTF-16 code units
 * @param maxQuoteChars the longest quote kept of an anchored passage (longer ones are cut, with an ellipsis)
 * @param writesPerPeriod comments a subject may write per {@code period}
 * @param period the period over which {@code writesPerPeriod} refill, all at once at its end
 */
public record CommentLimits(int maxBodyChars, int maxQuoteChars, int writesPerPeriod, Duration period) {
    public static final CommentLimits DEFAULTS = new CommentLimits(10_000, 1_000, 20, Duration.ofMinutes(1));

    public CommentLimits {
        if (maxBodyChars < 1 || maxQuoteChars < 1 || writesPerPeriod < 1) {
            throw new IllegalArgumentException("comment limits must be positive");
        }
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("the rate limit's period must be positive");
        }
    }
}
