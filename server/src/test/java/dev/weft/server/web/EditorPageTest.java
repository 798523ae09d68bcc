package dev.weft.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.weft.server.WeftServer;
import dev.weft.server.testing.EditorPage;
import dev.weft.server.testing.EditorPages;
import dev.weft.server.testing.PageView;
import dev.weft.server.testing.SyncPeer;
import dev.weft.server.testing.SyncPeers;
import dev.weft.server.testing.TestServers;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The editor page that Weft serves at {@code /}, in two real headless Chromium browsers (one context each, sharing
 * nothing but the server): what a newcomer sees after {@code ./weft serve} and two tabs.
 */
class EditorPageTest {
    @TempDir
    static Path dataDir;

    static WeftServer server;
    static EditorPages browsers;
    static SyncPeers peers;

    @BeforeAll
    static void start() {
        server = TestServers.open(dataDir);
        browsers = EditorPages.start();
        peers = SyncPeers.start();
    }

    @AfterAll
    static void stop() {
        peers.close();
        browsers.close();
        server.close();
    }

    private static URI page(String query) {
        return URI.create("http://127.0.0.1:" + server.port() + "/" + query);
    }

    private static URI sync() {
        return URI.create("ws://127.0.0.1:" + server.port());
    }

    @Test
    void twoPagesOnTheSameAddressEditTogetherAndSeeEachOther() {
        EditorPage first = browsers.open(page(""));
        EditorPage second = browsers.open(page(""));
        first.awaitSynced();
        second.awaitSynced();

        first.type("Hello from one.");
        second.awaitView("shows the first page's text", view -> view.text().equals("Hello from one."));
        second.typeAt(0, "Two says: ");
        first.type(" Bye.");
        String both = "Two says: Hello from one. Bye.";
        PageView one = first.awaitView("has both edits", view -> view.text().equals(both));
        PageView two = second.awaitView("has both edits", view -> view.text().equals(both));
        assertThat(one.doc()).isEqualTo("welcome");

        first.setName("Grace");
        second.setName("Alan");
        PageView seenByFirst = first.awaitView("lists Alan", view -> view.names().contains("Alan"));
        assertThat(seenByFirst.people()).extracting(PageView.Person::name, PageView.Person::self)
                .containsExactly(tuple("Grace", true), tuple("Alan", false));
        second.awaitView("lists Grace", view -> view.names().contains("Grace"));

        second.close();
        first.awaitView("no longer lists Alan", view -> view.names().equals(List.of("Grace")));
        assertThat(first.read().errors()).isEmpty();
        assertThat(two.errors()).isEmpty();
        first.close();
    }

    @Test
    void aPageAndANodeClientEditOneDocumentAndThePageKeepsItsCaret() {
        EditorPage page = browsers.open(page("?doc=caret"));
        page.awaitSynced();
        page.type("world");
        SyncPeer peer = peers.connect(sync(), "caret");
        peer.awaitText("world");

        peer.insertText(0, "hello ");
        PageView moved = page.awaitView("shows the insert", view -> view.text().equals("hello world"));
        assertThat(moved.selection()).containsExactly(11, 11);
        page.press("Backspace");
        peer.awaitText("hello worl");

        peer.destroy();
        page.close();
    }

    @Test
    void whatWasTypedIsThereForTheNextVisitor() {
        EditorPage writer = browsers.open(page("?doc=kept"));
        writer.awaitSynced();
        writer.type("still here");
        // Every update is committed before anyone else receives it: once a client has it, storage has it.
        SyncPeer witness = peers.connect(sync(), "kept");
        witness.awaitText("still here");
        witness.destroy();
        writer.close();

        EditorPage visitor = browsers.open(page("?doc=kept"));
        PageView view = visitor.awaitSynced();
        assertThat(view.text()).isEqualTo("still here");
        assertThat(view.title()).isEqualTo("kept · Weft");
        visitor.close();
    }

    @Test
    void pagesOnAnotherDocumentDoNotSeeThisOne() {
        EditorPage here = browsers.open(page("?doc=here"));
        EditorPage elsewhere = browsers.open(page("?doc=elsewhere"));
        here.type("only here");
        elsewhere.awaitSynced();
        SyncPeer witness = peers.connect(sync(), "here");
        witness.awaitText("only here");
        assertThat(elsewhere.read().text()).isEmpty();
        witness.destroy();
        here.close();
        elsewhere.close();
    }
}
