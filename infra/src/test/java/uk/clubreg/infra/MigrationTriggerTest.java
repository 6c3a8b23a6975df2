package uk.clubreg.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deploy runs the migrations when the scripts in db/migrations change, and not when only the migrations zip
 * does (it also holds the core library): decision 0052.
 */
class MigrationTriggerTest {

    @TempDir
    Path scripts;
    @TempDir
    Path zips;
    private Path migrationsZip;

    @BeforeEach
    void copyTheMigrationsZip() throws IOException {
        migrationsZip = Files.copy(SynthesisedStack.standInPackages().migrations(), zips.resolve("migrations.zip"));
        Files.writeString(scripts.resolve("V1__schema.sql"), "CREATE TABLE players (id bigint);");
    }

    @Test
    void theTriggerIsReplacedWhenAScriptIsAddedOrEditedAndOnlyThen() throws IOException {
        TemplateQueries first = synth();
        String trigger = trigger(first);

        assertThat(trigger(synth())).as("same scripts").isEqualTo(trigger);

        Files.write(migrationsZip, new byte[] {0}, StandardOpenOption.APPEND);
        TemplateQueries newZip = synth();
        assertThat(code(newZip)).as("the function gets the new zip").isNotEqualTo(code(first));
        assertThat(trigger(newZip)).as("a new zip, the same scripts: no migration run").isEqualTo(trigger);

        Files.writeString(scripts.resolve("V2__kits.sql"), "ALTER TABLE players ADD kit text;");
        String added = trigger(synth());
        assertThat(added).as("a script added").isNotEqualTo(trigger);

        Files.writeString(scripts.resolve("V2__kits.sql"), "ALTER TABLE players ADD kit_size text;");
        assertThat(trigger(synth())).as("a script edited").isNotEqualTo(added).isNotEqualTo(trigger);
    }

    private TemplateQueries synth() {
        LambdaPackages standIns = SynthesisedStack.standInPackages();
        LambdaPackages packages = new LambdaPackages(standIns.api(), standIns.worker(), migrationsZip, scripts);
        return new TemplateQueries(SynthesisedStack.template(SynthesisedStack.build(Map.of(), packages)));
    }

    private static String trigger(TemplateQueries queries) {
        return queries.logicalId("Custom::Trigger", "MigrateBeforeUpdate");
    }

    private static Object code(TemplateQueries queries) {
        return queries.properties(queries.logicalId("AWS::Lambda::Function", "MigrationFunction")).get("Code");
    }
}
