package uk.clubreg.players;

/** A team in one season, as its players' invitations name it, with how many players it has. */
public record Team(String name, String season, int players) {}
