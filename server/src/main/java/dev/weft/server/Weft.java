package dev.weft.server;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code weft} command line: the entry point of the server application.
 *
 * <p>Each feature of the command line is a subcommand; {@code weft} alone only prints its usage.
 */
@Command(
        name = "weft",
        mixinStandardHelpOptions = true,
        versionProvider = WeftVersion.class,
        description = "Weft, a real-time collaboration server for Yjs documents.",
        subcommands = ServeCommand.class)
public final class Weft {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new Weft());
    }
}
