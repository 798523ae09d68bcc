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
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * Published plugins, their tags and their installations ({@code V5__plugins.sql}). Writes go through the
 * storage's writer and complete after COMMIT; reads block on a pooled connection (call them from a virtual
 * thread).
 */
public final class PluginRepository {
    private static final String LISTING_COLUMNS =
            "p.name, p.version, p.kind, p.description, p.author, p.license, p.category, p.publisher, p.published_at";

    private final Tables tables;
    private final InstantSource clock;

    public PluginRepository(Tables tables, InstantSource clock) {
        this.tables = tables;
        this.clock = clock;
    }

    /**
     * Stores {@code plugin} as its name's latest version, replacing what was there if {@code mayReplace} accepts
     * the listing stored before (it is asked inside the write, so two publishes of one name cannot both pass it).
     * The listing's {@code publishedAt} is ignored: the time of the write is stored.
     */
    public CompletableFuture<Publication> publish(StoredPlugin plugin, Predicate<PluginListing> mayReplace) {
        PluginListing listing = plugin.listing();
        long now = clock.millis();
        return tables.write("publish the plugin '" + listing.name() + "'", connection -> {
            Optional<PluginListing> previous = listing(connection, listing.name());
            if (previous.isPresent() && !mayReplace.test(previous.get())) {
                return new Publication(false, previous);
            }
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM plugin_tags WHERE plugin = ?")) {
                delete.setString(1, listing.name());
                delete.executeUpdate();
            }
            String sql = previous.isPresent()
                    ? """
                      UPDATE plugins SET version = ?, kind = ?, description = ?, author = ?, license = ?, category = ?,
                          manifest = ?, module = ?, publisher = ?, published_at = ? WHERE name = ?"""
                    : """
                      INSERT INTO plugins (version, kind, description, author, license, category, manifest, module,
                          publisher, published_at, name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
            try (PreparedStatement write = connection.prepareStatement(sql)) {
                write.setString(1, listing.version());
                write.setString(2, listing.kind().id());
                write.setString(3, listing.description());
                write.setString(4, listing.author());
                write.setString(5, listing.license());
                write.setString(6, listing.category());
                write.setBytes(7, plugin.manifest());
                write.setBytes(8, plugin.module().orElse(null));
                write.setString(9, listing.publisher());
                write.setLong(10, now);
                write.setString(11, listing.name());
                write.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO plugin_tags (plugin, tag) VALUES (?, ?)")) {
                for (String tag : listing.tags()) {
                    insert.setString(1, listing.name());
                    insert.setString(2, tag);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return new Publication(true, previous);
        });
    }

    /** The plugin named {@code name}, manifest and module included. */
    public Optional<StoredPlugin> find(String name) {
        return tables.read("read the plugin '" + name + "'", connection -> {
            Optional<PluginListing> listing = listing(connection, name);
            if (listing.isEmpty()) {
                return Optional.empty();
            }
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT manifest, module FROM plugins WHERE name = ?")) {
                select.setString(1, name);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    return Optional.of(new StoredPlugin(listing.get(), row.getBytes(1),
                            Optional.ofNullable(row.getBytes(2))));
                }
            }
        });
    }

    /** What the marketplace shows of the plugin named {@code name}. */
    public Optional<PluginListing> listing(String name) {
        return tables.read("read the plugin '" + name + "'", connection -> listing(connection, name));
    }

    /** The plugins that match {@code query}, by name. */
    public List<PluginListing> search(PluginQuery query) {
        StringBuilder sql = new StringBuilder("SELECT " + LISTING_COLUMNS + " FROM plugins p WHERE 1 = 1");
        List<String> parameters = new ArrayList<>();
        query.category().ifPresent(category -> {
            sql.append(" AND lower(p.category) = ?");
            parameters.add(category.toLowerCase(Locale.ROOT));
        });
        query.tag().ifPresent(tag -> {
            sql.append(" AND EXISTS (SELECT 1 FROM plugin_tags t WHERE t.plugin = p.name AND lower(t.tag) = ?)");
            parameters.add(tag.toLowerCase(Locale.ROOT));
        });
        query.text().ifPresent(text -> {
            sql.append(" AND (lower(p.name) LIKE ? ESCAPE '\\' OR lower(p.description) LIKE ? ESCAPE '\\')");
            String pattern = "%" + text.toLowerCase(Locale.ROOT).replaceAll("([\\\\%_])", "\\\\$1") + "%";
            parameters.add(pattern);
            parameters.add(pattern);
        });
        sql.append(" ORDER BY p.name LIMIT ").append(query.limit());
        return tables.read("search the plugins", connection -> {
            List<PluginListing> found = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
                for (int i = 0; i < parameters.size(); i++) {
                    select.setString(i + 1, parameters.get(i));
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.add(listing(connection, rows));
                    }
                }
            }
            return found;
        });
    }

    /** Removes the plugin named {@code name}, its tags and its installations; completes with whether it was there. */
    public CompletableFuture<Boolean> unpublish(String name) {
        return tables.write("unpublish the plugin '" + name + "'", connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM plugins WHERE name = ?")) {
                delete.setString(1, name);
                return delete.executeUpdate() > 0;
            }
        });
    }

    /**
     * Installs the plugin named {@code plugin} on {@code document} ({@link PluginInstall#SERVER_WIDE} for every
     * document); installing it again changes nothing. Completes empty if there is no such plugin.
     */
    public CompletableFuture<Optional<PluginInstall>> install(String document, String plugin, String installedBy) {
        long now = clock.millis();
        return tables.write("install the plugin '" + plugin + "' on '" + document + "'", connection -> {
            if (listing(connection, plugin).isEmpty()) {
                return Optional.empty();
            }
            Optional<PluginInstall> existing = installation(connection, document, plugin);
            if (existing.isPresent()) {
                return existing;
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO plugin_installs (document, plugin, installed_by, installed_at) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, document);
                insert.setString(2, plugin);
                insert.setString(3, installedBy);
                insert.setLong(4, now);
                insert.executeUpdate();
            }
            return Optional.of(new PluginInstall(document, plugin, installedBy, Instant.ofEpochMilli(now)));
        });
    }

    /** Uninstalls the plugin from {@code document} (or server-wide); completes with whether it was installed there. */
    public CompletableFuture<Boolean> uninstall(String document, String plugin) {
        return tables.write("uninstall the plugin '" + plugin + "' from '" + document + "'", connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM plugin_installs WHERE document = ? AND plugin = ?")) {
                delete.setString(1, document);
                delete.setString(2, plugin);
                return delete.executeUpdate() > 0;
            }
        });
    }

    /** The installations that apply to {@code document}: its own and the server-wide ones, by plugin name. */
    public List<PluginInstall> installs(String document) {
        return tables.read("list the plugins of '" + document + "'", connection -> {
            List<PluginInstall> found = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT document, plugin, installed_by, installed_at FROM plugin_installs
                    WHERE document = ? OR document = ? ORDER BY plugin, document DESC""")) {
                select.setString(1, document);
                select.setString(2, PluginInstall.SERVER_WIDE);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.add(install(rows));
                    }
                }
            }
            return found;
        });
    }

    /** The installation through which {@code plugin} applies to {@code document}: the document's own, else the server's. */
    public Optional<PluginInstall> installation(String document, String plugin) {
        return tables.read("read an installation of '" + plugin + "'", connection -> {
            Optional<PluginInstall> own = installation(connection, document, plugin);
            return own.isPresent() ? own : installation(connection, PluginInstall.SERVER_WIDE, plugin);
        });
    }

    private static Optional<PluginInstall> installation(Connection connection, String document, String plugin)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT document, plugin, installed_by, installed_at FROM plugin_installs
                WHERE document = ? AND plugin = ?""")) {
            select.setString(1, document);
            select.setString(2, plugin);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(install(row)) : Optional.empty();
            }
        }
    }

    private static PluginInstall install(ResultSet row) throws SQLException {
        return new PluginInstall(row.getString(1), row.getString(2), row.getString(3),
                Instant.ofEpochMilli(row.getLong(4)));
    }

    private static Optional<PluginListing> listing(Connection connection, String name) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + LISTING_COLUMNS + " FROM plugins p WHERE p.name = ?")) {
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(listing(connection, row)) : Optional.empty();
            }
        }
    }

    private static PluginListing listing(Connection connection, ResultSet row) throws SQLException {
        String name = row.getString(1);
        String kindId = row.getString(3);
        PluginKind kind = PluginKind.fromId(kindId).orElse(null);
        if (kind == null) {
            throw new SQLException("the plugin " + name + " has an unknown kind: " + kindId);
        }
        return new PluginListing(name, row.getString(2), kind, row.getString(4), row.getString(5), row.getString(6),
                row.getString(7), tags(connection, name), row.getString(8), Instant.ofEpochMilli(row.getLong(9)));
    }

    private static List<String> tags(Connection connection, String plugin) throws SQLException {
        List<String> tags = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT tag FROM plugin_tags WHERE plugin = ? ORDER BY tag")) {
            select.setString(1, plugin);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    tags.add(rows.getString(1));
                }
            }
        }
        return tags;
    }
}
