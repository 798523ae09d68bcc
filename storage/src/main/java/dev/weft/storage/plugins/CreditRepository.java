package dev.weft.storage.plugins;

import dev.weft.storage.Tables;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Each user's AI credits and the usage of every AI call ({@code V5__plugins.sql}), in micro-credits. A user who
 * has no row yet has {@code startingBalance}, which the first reservation, charge or grant writes down.
 *
 * <p>Spending is reserve, then charge: {@link #reserve} takes a call's worst-case cost out of the balance only if
 * the balance holds it, in one conditional {@code UPDATE}, so that concurrent runs cannot all pass a check of the
 * same balance and overdraw it together; {@link #charge} then records the call, takes its real cost and gives
 * the reservation back; {@link #grant} gives back a reservation whose call was never made. A charge is taken whole
 * even when the real cost exceeded the reservation and leaves the balance below zero (the call was made and paid
 * for). Every change is one statement on the balance, never a read and a write apart.
 */
public final class CreditRepository {
    private final Tables tables;
    private final InstantSource clock;
    private final long startingBalance;

    /**
     * @param startingBalance what a user who was never charged nor granted anything has, in micro-credits
     */
    public CreditRepository(Tables tables, InstantSource clock, long startingBalance) {
        this.tables = tables;
        this.clock = clock;
        this.startingBalance = startingBalance;
    }

    /** The balance of {@code subject}, in micro-credits. */
    public long balance(String subject) {
        return tables.read("read the credits of '" + subject + "'", connection -> balance(connection, subject));
    }

    /** The outcome of {@link #reserve}: whether the amount was taken, and the balance after (or as it stayed). */
    public record Reservation(boolean reserved, long balance) {
    }

    /**
     * Takes {@code amount} out of the balance of {@code subject} if the balance is at least that, atomically;
     * leaves it untouched otherwise.
     */
    public CompletableFuture<Reservation> reserve(String subject, long amount) {
        return tables.write("reserve credits of '" + subject + "'", connection -> {
            ensureRow(connection, subject);
            int taken;
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE ai_credits SET balance = balance - ? WHERE subject = ? AND balance >= ?")) {
                update.setLong(1, amount);
                update.setString(2, subject);
                update.setLong(3, amount);
                taken = update.executeUpdate();
            }
            return new Reservation(taken == 1, balance(connection, subject));
        });
    }

    /**
     * Records {@code usage}, takes its cost from its user's balance and gives back {@code reserved} (what
     * {@link #reserve} took for the call; 0 if nothing was); completes with the new balance.
     */
    public CompletableFuture<Long> charge(AiUsage usage, long reserved) {
        long now = clock.millis();
        return tables.write("charge '" + usage.subject() + "' for an AI call", connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO ai_usage (subject, document, plugin, model, prompt_tokens, completion_tokens, cost,
                        created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
                insert.setString(1, usage.subject());
                insert.setString(2, usage.document());
                insert.setString(3, usage.plugin());
                insert.setString(4, usage.model());
                insert.setLong(5, usage.promptTokens());
                insert.setLong(6, usage.completionTokens());
                insert.setLong(7, usage.cost());
                insert.setLong(8, now);
                insert.executeUpdate();
            }
            return add(connection, usage.subject(), Math.subtractExact(reserved, usage.cost()));
        });
    }

    /**
     * Adds {@code amount} micro-credits (negative to take some away) to the balance of {@code subject}: a grant,
     * or a reservation given back.
     */
    public CompletableFuture<Long> grant(String subject, long amount) {
        return tables.write("grant credits to '" + subject + "'", connection -> add(connection, subject, amount));
    }

    /** The latest {@code limit} AI calls of {@code subject}, newest first. */
    public List<AiUsage> usage(String subject, int limit) {
        return tables.read("read the AI usage of '" + subject + "'", connection -> {
            List<AiUsage> found = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT subject, document, plugin, model, prompt_tokens, completion_tokens, cost, created_at
                    FROM ai_usage WHERE subject = ? ORDER BY id DESC LIMIT ?""")) {
                select.setString(1, subject);
                select.setInt(2, limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.add(new AiUsage(rows.getString(1), rows.getString(2), rows.getString(3),
                                rows.getString(4), rows.getLong(5), rows.getLong(6), rows.getLong(7),
                                Instant.ofEpochMilli(rows.getLong(8))));
                    }
                }
            }
            return found;
        });
    }

    private long add(Connection connection, String subject, long amount) throws SQLException {
        ensureRow(connection, subject);
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE ai_credits SET balance = balance + ? WHERE subject = ?")) {
            update.setLong(1, amount);
            update.setString(2, subject);
            update.executeUpdate();
        }
        return balance(connection, subject);
    }

    /** Writes down the starting balance of a user who has no row yet. */
    private void ensureRow(Connection connection, String subject) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO ai_credits (subject, balance) VALUES (?, ?) ON CONFLICT (subject) DO NOTHING")) {
            insert.setString(1, subject);
            insert.setLong(2, startingBalance);
            insert.executeUpdate();
        }
    }

    private long balance(Connection connection, String subject) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT balance FROM ai_credits WHERE subject = ?")) {
            select.setString(1, subject);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getLong(1) : startingBalance;
            }
        }
    }
}
