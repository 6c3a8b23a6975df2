package uk.clubreg.infra;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.assertions.Template;

/**
 * Synthesises the stack as {@code cdk synth} does, with cdk.json's context (the clubs and the feature flags) under
 * the test's own, from tiny stand-in zips: the assertions are about the template, and hashing the real 100 MB
 * packages would only slow the tests down.
 */
final class SynthesisedStack {

    static final Path CDK_JSON = Path.of("../cdk.json");

    private SynthesisedStack() {}

    /** The default deployment: the default club at stage dev, plus {@code context}. */
    static RegistrationStack build(Map<String, Object> context) {
        return build(context, standInPackages());
    }

    static RegistrationStack build(Map<String, Object> context, LambdaPackages packages) {
        Map<String, Object> merged = new HashMap<>(cdkJsonContext());
        merged.putAll(context);
        App app = new App(AppProps.builder().context(merged).build());
        return RegistrationApp.build(app, packages);
    }

    static Template template(RegistrationStack stack) {
        return Template.fromStack(stack);
    }

    static Map<String, Object> cdkJsonContext() {
        try {
            Map<String, Object> cdkJson = new ObjectMapper().readValue(CDK_JSON.toFile(), new TypeReference<>() {});
            @SuppressWarnings("unchecked")
            Map<String, Object> context = (Map<String, Object>) cdkJson.get("context");
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LambdaPackages standInPackages() {
        try {
            Path directory = Files.createDirectories(Path.of("target/stand-in-packages"));
            return new LambdaPackages(zip(directory, "api"), zip(directory, "worker"), zip(directory, "migrations"),
                    Path.of("../db/migrations"));
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
