package uk.clubreg.http;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code multipart/form-data} body of text fields and text files, as a browser sends a form with a file input:
 * each part's name to its content (a file's content, not its name). Empty when the body is not multipart.
 */
public final class MultipartForm {

    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
    private static final Pattern NAME = Pattern.compile("(?i)content-disposition:[^\\r\\n]*\\bname=\"([^\"]*)\"");

    private MultipartForm() {}

    public static Map<String, String> parse(HttpRequest request) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher boundary = BOUNDARY.matcher(request.header("content-type").orElse(""));
        if (!request.mediaType().equals("multipart/form-data") || !boundary.find()) {
            return Collections.unmodifiableMap(fields);
        }
        String delimiter = "--" + boundary.group(1);
        for (String part : request.body().split(Pattern.quote(delimiter))) {
            int headersEnd = part.indexOf("\r\n\r\n");
            if (headersEnd < 0) {
                continue;
            }
            Matcher name = NAME.matcher(part.substring(0, headersEnd));
            if (name.find()) {
                String content = part.substring(headersEnd + 4);
                fields.put(name.group(1), content.endsWith("\r\n") ? content.substring(0, content.length() - 2)
                        : content);
            }
        }
        return Collections.unmodifiableMap(fields);
    }
}
