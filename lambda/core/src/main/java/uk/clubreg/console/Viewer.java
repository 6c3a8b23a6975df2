package uk.clubreg.console;

/**
 * The signed-in person on one request: their session, phone, whether they are a club admin, and the CSRF token
 * every form of theirs carries.
 */
record Viewer(long sessionId, String phone, boolean clubAdmin, String csrf) {}
