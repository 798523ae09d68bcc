package dev.weft.server.testing;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Weft's pages (editor, reader, canvas) in real headless Chromium: one Node process
 * (client-js/peers/editor-pages.js, playwright-core driving Debian's /usr/bin/chromium, or the browser
 * WEFT_CHROMIUM names) that opens pages and types into them as a person does. Each page has a browser context of
 * its own, so two pages are two people in two browsers: they share nothing but the server. Start one per test
 * class and close it when done.
 */
public final class EditorPages implements AutoCloseable {
    private static final Path DEBIAN_CHROMIUM = Path.of("/usr/bin/chromium");

    private final NodePeer node;

    private EditorPages(NodePeer node) {
        this.node = node;
    }

    /** The bundles of the pages, built together by client-js's build:editor into the server's resources. */
    private static final List<String> PAGES = List.of("editor.js", "reader.js", "canvas.js");

    /** Starts the Node side; the browser itself starts with the first page. */
    public static EditorPages start() {
        for (String page : PAGES) {
            if (EditorPages.class.getResource("/dev/weft/server/web/" + page) == null) {
                throw new IllegalStateException("the pages are not built (" + page + " is missing): ./weft test builds "
                        + "them; or `npm run build:editor` in client-js");
            }
        }
        String chromium = System.getenv("WEFT_CHROMIUM");
        Path browser = chromium == null || chromium.isBlank() ? DEBIAN_CHROMIUM : Path.of(chromium);
        if (!Files.isExecutable(browser)) {
            throw new IllegalStateException(
                    "no Chromium at " + browser + ": `./weft test` installs Debian's (apt-get install chromium)");
        }
        return new EditorPages(NodePeer.start("editor-pages.js"));
    }

    /**
     * Opens the page at {@code url} (e.g. {@code http://127.0.0.1:PORT/?doc=name}) in a new browser context.
     *
     * @throws NodePeer.NodePeerException if it does not load with a 2xx status
     */
    public EditorPage open(URI url) {
        String page = node.call("open", NodePeer.fields().put("url", url.toString())).get("page").asText();
        return new EditorPage(node, page);
    }

    /** Closes the browser and the Node process. */
    @Override
    public void close() {
        node.close();
    }
}
