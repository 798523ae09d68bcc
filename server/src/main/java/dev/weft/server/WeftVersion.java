package dev.weft.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * The version of this build. Maven writes the project version into {@code version.properties} when it copies the
 * resources, so the pom is the only place the version is written down.
 */
final class WeftVersion implements IVersionProvider {

    private static final String RESOURCE = "version.properties";

    static String current() {
        try (InputStream in = WeftVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath: build with Maven");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {"Weft " + current()};
    }
}
