package org.gdprsuite.demo;

import java.util.List;

/**
 * A country of the data set with the cities, street pattern ({@code #} house number, {@code %} street name),
 * postal-code shape and legal form of its companies. Phone numbers only where ranges reserved for fiction exist.
 */
record Country(String code, String legalForm, List<String> cities, String streetPattern, String postalCodePattern) {

    private static final List<Country> ALL = List.of(
            new Country(
                    "GB",
                    "Ltd",
                    List.of("London", "Manchester", "Leeds", "Bristol", "Edinburgh"),
                    "# % Street",
                    "LL# #LL"),
            new Country(
                    "US", "Inc.", List.of("New York", "Chicago", "Austin", "Seattle", "Boston"), "# % Avenue", "#####"),
            new Country("DE", "GmbH", List.of("Berlin", "Hamburg", "München", "Köln", "Leipzig"), "%straße #", "#####"),
            new Country("FR", "SAS", List.of("Paris", "Lyon", "Lille", "Nantes"), "# rue des %s", "#####"),
            new Country("NL", "B.V.", List.of("Amsterdam", "Utrecht", "Rotterdam"), "%straat #", "#### LL"),
            new Country("IE", "Ltd", List.of("Dublin", "Cork", "Galway"), "# % Road", "L## L###"));
    private static final int[] WEIGHTS = {30, 20, 20, 10, 10, 10};

    private static final List<String> STREET_NAMES = List.of(
            "Linden",
            "Maple",
            "Birch",
            "Mill",
            "Harbour",
            "Garden",
            "Rose",
            "Church",
            "Station",
            "Meadow",
            "Elm",
            "Chestnut",
            "Orchard",
            "Willow",
            "Park");

    /** A country drawn by the weights of the data set (a UK, US and German heavy customer base). */
    static Country draw(Dice dice) {
        int roll = dice.nextInt(100);
        for (int i = 0; i < ALL.size(); i++) {
            roll -= WEIGHTS[i];
            if (roll < 0) {
                return ALL.get(i);
            }
        }
        return ALL.get(0);
    }

    static Country byCode(String code) {
        return ALL.stream().filter(c -> c.code().equals(code)).findFirst().orElseThrow();
    }

    /** Numbers reserved for fiction: Ofcom's drama ranges (London, Manchester, mobile) and US 555-0100..0199. */
    String phone(Dice dice) {
        if (dice.nextInt(100) >= 75) {
            return null;
        }
        return switch (code) {
            case "GB" -> dice.pick(List.of("+44 20 7946 0", "+44 161 496 0", "+44 7700 900")) + dice.digits(3);
            case "US" -> "+1 " + dice.pick(List.of("212", "312", "512", "206", "617")) + " 555 01" + dice.digits(2);
            default -> null;
        };
    }

    String street(Dice dice) {
        return streetPattern
                .replace("#", Integer.toString(1 + dice.nextInt(120)))
                .replace("%", dice.pick(STREET_NAMES));
    }

    String postalCode(Dice dice) {
        return dice.shape(postalCodePattern);
    }

    String city(Dice dice) {
        return dice.pick(cities);
    }
}
