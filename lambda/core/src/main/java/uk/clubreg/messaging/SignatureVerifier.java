package uk.clubreg.messaging;

import java.util.Map;

/** Checks that a webhook came from the provider: the signature of the exact public URL and the form fields. */
public interface SignatureVerifier {
    boolean isValid(String url, Map<String, String> formFields, String signature);
}
