package dev.weft.server;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code weft serve}: runs the sync server. The server itself is not written yet, so it says so and exits. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        versionProvider = WeftVersion.class,
        description = "Run the Weft sync server.")
final class ServeCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    @Spec
    private CommandSpec spec;

    private int port;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            defaultValue = "./data",
            description = "Where documents and the database live (default: ${DEFAULT-VALUE}).")
    private Path dataDir;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            defaultValue = "8080",
            description = "Port for HTTP and WebSockets (default: ${DEFAULT-VALUE}).")
    void setPort(int port) {
        if (port < 1 || port > 65_535) {
            throw new ParameterException(spec.commandLine(), "--port must be between 1 and 65535, not " + port);
        }
        this.port = port;
    }

    @Override
    public Integer call() {
        log.info("Weft {}", WeftVersion.current());
        log.warn("The sync server is not implemented yet: nothing listens on port {} and nothing is stored in {}.",
                port, dataDir);
        return 0;
    }
}
