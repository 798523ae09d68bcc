package dev.weft.server.testing;

import dev.weft.server.WeftServer;
import dev.weft.server.config.ServerConfig;
import java.nio.file.Path;

/** In-process servers on a random loopback port, with their data in a test's temporary directory. */
public final class TestServers {
    private TestServers() {
    }

    /** The configuration tests start from: loopback, a free port, open mode, default limits. */
    public static ServerConfig config(Path dataDir) {
        return ServerConfig.defaults(dataDir).withListen("127.0.0.1", 0);
    }

    public static WeftServer open(Path dataDir) {
        return WeftServer.start(config(dataDir));
    }

    /** A server that checks tokens signed with {@link Tokens#SECRET}. */
    public static WeftServer withTokens(Path dataDir) {
        return WeftServer.start(config(dataDir).withSecret(Tokens.SECRET));
    }
}
