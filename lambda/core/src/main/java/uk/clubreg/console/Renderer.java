package uk.clubreg.console;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.Map;

/**
 * Renders the console's templates. They were compiled to Java by the build (jte-maven-plugin, decision 0070), so
 * only jte's runtime is on the classpath and nothing is compiled in Lambda; HTML output escapes every value.
 */
final class Renderer {

    static final String PACKAGE = "uk.clubreg.console.pages";

    private final TemplateEngine engine = TemplateEngine.createPrecompiled(null, ContentType.Html,
            Renderer.class.getClassLoader(), PACKAGE);

    String render(String template, Map<String, Object> parameters) {
        StringOutput output = new StringOutput();
        engine.render(template, parameters, output);
        return output.toString();
    }
}
