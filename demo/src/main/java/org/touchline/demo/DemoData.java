package org.touchline.demo;

import java.util.List;

/** The small embedded lists the demo company is made of: names, towns, stores, products and words for notes. */
final class DemoData {
    private DemoData() {}

    static final String COMPANY = "Northwind Connect";

    static final String[] FIRST_F = {"Olivia", "Amelia", "Isla", "Ava", "Emily", "Sophie", "Grace", "Mia", "Poppy", "Ella",
            "Lily", "Evie", "Jessica", "Chloe", "Ruby", "Freya", "Hannah", "Charlotte", "Sarah", "Emma", "Laura", "Rachel",
            "Helen", "Claire", "Karen", "Susan", "Margaret", "Patricia", "Aisha", "Fatima", "Priya", "Zara", "Niamh", "Siobhan",
            "Megan", "Rhian", "Catriona", "Eilidh", "Joanna", "Agnieszka"};
    static final String[] FIRST_M = {"Oliver", "George", "Harry", "Jack", "Jacob", "Noah", "Charlie", "Thomas", "Oscar",
            "William", "James", "Leo", "Alfie", "Joshua", "Daniel", "Samuel", "David", "Michael", "Paul", "Mark", "Andrew",
            "Richard", "Stephen", "Peter", "John", "Robert", "Mohammed", "Ali", "Arjun", "Ravi", "Liam", "Connor", "Callum",
            "Rhys", "Dylan", "Hamish", "Euan", "Tomasz", "Kwame", "Chidi"};
    static final String[] LAST = {"Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson",
            "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke", "Patel",
            "Khan", "Lewis", "James", "Phillips", "Mason", "Mitchell", "Rose", "Davis", "Rodriguez", "Cox", "Alexander",
            "Morgan", "Hughes", "Edwards", "Hill", "Moore", "Clark", "Harrison", "Scott", "Young", "Morris", "Ward", "Turner",
            "Carter", "Cooper", "Hussain", "Ahmed", "Begum", "Shah", "Singh", "Kaur", "MacDonald", "Campbell", "Stewart",
            "Murphy", "Kelly", "O'Brien", "O'Neill", "Nowak", "Kowalski", "Okafor", "Mensah", "Fraser", "Reid", "Baker"};
    static final String[] STREETS = {"High Street", "Station Road", "Church Lane", "Victoria Road", "Green Lane",
            "Manor Road", "Park Avenue", "Queens Road", "Mill Lane", "Kings Road", "New Street", "London Road", "York Road",
            "The Crescent", "Elm Grove", "Chestnut Close", "Orchard Way", "Meadow View", "Albert Street", "Springfield Road",
            "Windsor Drive", "Beech Avenue", "Oak Tree Close", "Grange Road", "Richmond Terrace", "Cedar Court"};

    /** Town, postcode area (outward letters), how many districts, landline prefix in the Ofcom drama range. */
    record Town(String name, String area, int districts, String landline) {}

    static final Town[] TOWNS = {
            new Town("London", "SE", 28, "020 7946 0"), new Town("London", "N", 22, "020 7946 0"),
            new Town("Leeds", "LS", 29, "0113 496 0"), new Town("Sheffield", "S", 36, "0114 496 0"),
            new Town("Nottingham", "NG", 25, "0115 496 0"), new Town("Leicester", "LE", 19, "0116 496 0"),
            new Town("Bristol", "BS", 41, "0117 496 0"), new Town("Reading", "RG", 31, "0118 496 0"),
            new Town("Birmingham", "B", 50, "0121 496 0"), new Town("Edinburgh", "EH", 30, "0131 496 0"),
            new Town("Glasgow", "G", 46, "0141 496 0"), new Town("Liverpool", "L", 38, "0151 496 0"),
            new Town("Manchester", "M", 35, "0161 496 0"), new Town("Newcastle upon Tyne", "NE", 40, "0191 498 0"),
            new Town("Cardiff", "CF", 24, "029 2018 0"), new Town("Belfast", "BT", 39, "028 9649 6")};

    /** Stores: id, name, the town index they serve. */
    record Store(String id, String name, int town) {}

    static final Store[] STORES = {
            new Store("S001", "London Oxford Street", 0), new Store("S002", "London Islington", 1),
            new Store("S003", "London Croydon", 0), new Store("S004", "Leeds Briggate", 2),
            new Store("S005", "Sheffield Meadowhall", 3), new Store("S006", "Nottingham Victoria Centre", 4),
            new Store("S007", "Leicester Highcross", 5), new Store("S008", "Bristol Cabot Circus", 6),
            new Store("S009", "Reading Oracle", 7), new Store("S010", "Birmingham Bullring", 8),
            new Store("S011", "Edinburgh Princes Street", 9), new Store("S012", "Glasgow Buchanan Street", 10),
            new Store("S013", "Liverpool ONE", 11), new Store("S014", "Manchester Arndale", 12),
            new Store("S015", "Newcastle Eldon Square", 13), new Store("S016", "Cardiff St David's", 14),
            new Store("S017", "Belfast Victoria Square", 15), new Store("S018", "Manchester Trafford", 12)};

    /** A product: SKU, name, category, price. Plans are sold by every channel, devices mostly in stores and online. */
    record Product(String sku, String name, String category, double price) {}

    static final Product[] PLANS = {
            new Product("PLN-FIB150", "Fibre 150", "plan", 28.00), new Product("PLN-FIB500", "Fibre 500", "plan", 36.00),
            new Product("PLN-FIB900", "Fibre 900", "plan", 45.00), new Product("PLN-GIG", "Full Fibre Gigabit", "plan", 55.00),
            new Product("PLN-TVB", "Fibre 500 + TV", "plan", 52.00), new Product("PLN-SIMO", "SIM Only 30GB", "plan", 12.00)};
    static final Product[] DEVICES = {
            new Product("DEV-RTR-AX3", "Hub AX3000 router", "router", 0.00), new Product("DEV-MESH-2", "Mesh Wi-Fi twin pack", "router", 129.00),
            new Product("DEV-MESH-3", "Mesh Wi-Fi triple pack", "router", 179.00), new Product("DEV-TVBOX", "Stream TV box", "tv", 59.00),
            new Product("DEV-PH-A15", "Aurora A15 smartphone", "phone", 199.00), new Product("DEV-PH-X9", "Aurora X9 Pro smartphone", "phone", 899.00),
            new Product("DEV-PH-M5", "Meridian 5 smartphone", "phone", 649.00), new Product("DEV-TAB-10", "Slate 10 tablet", "tablet", 329.00),
            new Product("DEV-BUDS", "Echo wireless earbuds", "audio", 89.00), new Product("DEV-WATCH", "Pulse smartwatch", "wearable", 249.00),
            new Product("ACC-CASE", "Phone case", "accessory", 19.00), new Product("ACC-CHG", "Fast charger 30W", "accessory", 25.00),
            new Product("ACC-SCRN", "Screen protector", "accessory", 12.00), new Product("SVC-INSURE", "Device insurance", "service", 8.00),
            new Product("SVC-SETUP", "Home set-up service", "service", 49.00)};

    static final String[] DOMAINS = {"gmail.com", "gmail.com", "gmail.com", "outlook.com", "hotmail.co.uk", "yahoo.co.uk",
            "btinternet.com", "icloud.com", "sky.com", "live.co.uk"};
    static final String[][] DOMAIN_TYPOS = {{"gmail.com", "gmial.com"}, {"gmail.com", "gmail.co"}, {"outlook.com", "outlok.com"},
            {"hotmail.co.uk", "hotmial.co.uk"}, {"yahoo.co.uk", "yaho.co.uk"}, {"btinternet.com", "btinternt.com"},
            {"icloud.com", "icloud.co"}, {"sky.com", "sky.con"}, {"live.co.uk", "live.com"}};

    static final String[] CAMPAIGN_THEMES = {"FIBRE900", "MESHDEAL", "LOYALTY", "TVBUNDLE", "DEVICEDROP", "REFERAFRIEND",
            "SPEEDBOOST", "SIMONLY"};
    static final String[] WEB_PAGES = {"/", "/broadband", "/broadband/full-fibre", "/tv", "/mobile/sim-only", "/shop/phones",
            "/shop/mesh-wifi", "/help", "/help/billing", "/help/wifi", "/deals", "/coverage-checker", "/account", "/moving-home"};
    static final String[] SEARCHES = {"fibre 900", "mesh wifi", "router lights flashing", "cancel contract", "moving house",
            "price rise", "upgrade phone", "tv channels", "contact us", "wifi slow upstairs", "pay bill", "esim"};

    // Notes, transcripts and posts: a sentence picked by type and sentiment; {p} is a product, {d} a day.
    static final List<String> CALL_BILL = List.of("Cust queried bill, {d} charge higher than expected. Explained pro-rata. Happy now.",
            "Caller asked about price rise letter. Explained annual CPI increase. Cust not pleased but accepted.",
            "Bill query - double charged for {p}. Raised refund request, cust relieved.",
            "Cust wants paper bills stopped. Set to e-billing.");
    static final List<String> CALL_TECH = List.of("Intermittent drop-outs since {d}. Line test ok, rebooted hub remotely.",
            "Wi-fi weak upstairs. Advised mesh, cust to think about it.", "No connection at all. Line fault found, engineer booked.",
            "Slow speeds in evening. Changed channel remotely, cust will monitor.", "Hub lights red. Talked through factory reset, resolved.");
    static final List<String> CALL_COMPLAINT = List.of("Cust very unhappy - third call about same fault, wants compensation. Escalated to tier 2.",
            "Complaint: engineer did not turn up {d}. Apologised, credit applied.", "Cust angry about price rise and poor speed. Logged formal complaint.",
            "Complaint about store staff attitude at {p} purchase. Passed to store manager.");
    static final List<String> CALL_OTHER = List.of("Cust asked about {p}. Sent details by email.", "General enquiry, answered.",
            "Moving home on {d}, booked transfer and install at new address.", "Payment taken by card, thanked cust.",
            "Wants to cancel - moving in with partner who has another provider. Offered retention discount.",
            "Asked where delivery of {p} is. Tracking sent, due tomorrow.", "Upgrade enquiry for {p}. Cust will order online.");
    static final List<String> CHAT_SALES = List.of("Customer: is full fibre available at my postcode? | Agent: Yes, up to 900Mb. | Customer: great, thanks!",
            "Customer: what's the difference between {p} and the cheaper one? | Agent: speed and contract length. | Customer: ok thanks",
            "Customer: do you price match? | Agent: we can't match but can add 3 months half price. | Customer: I'll think about it");
    static final List<String> CHAT_SUPPORT = List.of("Customer: my internet keeps dropping | Agent: I've reset your line, please try now | Customer: working, thank you",
            "Customer: still no service, this is the third time I've asked! | Agent: sorry, booking an engineer | Customer: not good enough",
            "Customer: how do I change my wifi password | Agent: sent the guide | Customer: perfect, thanks",
            "Customer: why is my bill so high this month? | Agent: it includes {p} | Customer: ok makes sense");
    static final List<String> SOCIAL_POS = List.of("Just got {p} from @NorthwindConnect, really impressed so far",
            "Shout out to the engineer who fixed my broadband today, brilliant service", "Switched to Northwind and my speeds doubled. Happy days",
            "Store team in town were so helpful sorting my new {p}");
    static final List<String> SOCIAL_NEG = List.of("@NorthwindConnect broadband down AGAIN. Third time this week. Fed up.",
            "Been on hold for 45 minutes @NorthwindConnect, absolutely useless", "Price rise again? @NorthwindConnect I'm off when my contract ends",
            "@NorthwindConnect engineer no-show, took the day off work for nothing");
    static final List<String> SOCIAL_NEU = List.of("Anyone using @NorthwindConnect full fibre? Worth it?", "@NorthwindConnect is {p} in stock?",
            "Thinking of switching broadband, recommendations?");
    static final List<String> FIELD_NOTES = List.of("Installed ONT and hub, speed test {s}Mb. Cust shown app.",
            "Replaced faulty hub. All lights green, speed {s}Mb.", "Drop cable damaged by tree, repaired. Speed {s}Mb.",
            "No access - nobody home, card left.", "Installed mesh nodes upstairs, cust happy with coverage.",
            "Fault in street cabinet, referred to network team.", "Collected hub and TV box, equipment returned.");
    static final List<String> SURVEY_GOOD = List.of("Quick and easy, thanks", "Engineer was great", "Good value", "Staff very helpful",
            "Sorted first time");
    static final List<String> SURVEY_MEH = List.of("Fine", "App could be better", "OK but took a while", "Average");
    static final List<String> SURVEY_BAD = List.of("Took too long to sort out", "Never again", "Had to call three times",
            "Nobody listens", "Too expensive for what you get");
}
