package uk.clubreg.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.assertions.Template;

/**
 * Synthesises the stack once per test class from tiny stand-in zips: the assertions are about the template, and
 * hashing the real 100 MB packages would only slow the tests down.
 */
final class SynthesisedStack {

    private SynthesisedStack() {}

    static RegistrationStack build(Map<String, Object> context) {
        App app = new App(AppProps.builder().context(context).build());
        return RegistrationApp.build(app, standInPackages());
    }

    static Template template(RegistrationStack stack) {
        return Template.fromStack(stack);
    }

    static LambdaPackages standInPackages() {
        try {
            Path directory = Files.createDirectories(Path.of("target/stand-in-packages"));
            return new LambdaPackages(zip(directory, "api"), zip(directory, "worker"), zip(directory, "migrations"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path zip(Path directory, String name) throws IOException {
        Path zip = directory.resolve(name + "-lambda.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("lib/" + name + ".jar"));
            out.write(name.getBytes());
            out.closeEntry();
        }
        return zip;
    }
}
