package org.touchline.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The longer lists {@link SyntheticPeople} draws from: DemoData's names, streets and towns, extended so a million
 * people look like a million people. Lists are in rough order of how common a name is in the UK; {@link SkewedChoice}
 * picks early entries more often, so "Smith" repeats as it does in a real register while rare names stay rare.
 */
final class PersonData {
    private PersonData() {}

    static final List<String> FEMALE = concat(DemoData.FIRST_F, "Ivy", "Florence", "Isabella", "Rosie", "Willow", "Phoebe",
            "Evelyn", "Sienna", "Matilda", "Elsie", "Daisy", "Alice", "Lucy", "Maya", "Harper", "Ruby", "Bella", "Scarlett",
            "Imogen", "Erin", "Millie", "Eleanor", "Holly", "Layla", "Abigail", "Katie", "Lauren", "Rebecca", "Amy", "Natalie",
            "Victoria", "Samantha", "Nicola", "Louise", "Kelly", "Joanne", "Lisa", "Julie", "Deborah", "Tracey", "Angela",
            "Elizabeth", "Mary", "Anne", "Catherine", "Jennifer", "Alison", "Gillian", "Fiona", "Lorraine", "Dawn", "Sharon",
            "Denise", "Carol", "Linda", "Barbara", "Sandra", "Jacqueline", "Pauline", "Maureen", "Brenda", "Valerie", "Janet",
            "Shirley", "Irene", "Doreen", "Hazel", "Kathleen", "Bethany", "Georgia", "Leah", "Jasmine", "Naomi", "Yasmin",
            "Amira", "Maryam", "Hafsa", "Anjali", "Deepa", "Mei", "Ling", "Oksana", "Ewa", "Magdalena", "Roisin", "Aoife",
            "Ffion", "Seren", "Morag", "Kirsty", "Ayesha", "Chiamaka", "Adaeze", "Abena");
    static final List<String> MALE = concat(DemoData.FIRST_M, "Arthur", "Muhammad", "Freddie", "Theo", "Archie", "Henry",
            "Lucas", "Isaac", "Finley", "Edward", "Joseph", "Alexander", "Max", "Ethan", "Logan", "Benjamin", "Sebastian",
            "Adam", "Lewis", "Matthew", "Ryan", "Luke", "Nathan", "Jamie", "Scott", "Lee", "Craig", "Darren", "Gary", "Neil",
            "Simon", "Anthony", "Christopher", "Ian", "Kevin", "Martin", "Jason", "Wayne", "Dean", "Barry", "Keith", "Graham",
            "Colin", "Trevor", "Kenneth", "Brian", "Alan", "Raymond", "Dennis", "Derek", "Roy", "Frank", "Albert", "Harold",
            "Stanley", "Leonard", "Gordon", "Philip", "Nigel", "Timothy", "Jonathan", "Benedict", "Rory", "Fraser", "Angus",
            "Ewan", "Cameron", "Owen", "Gareth", "Aled", "Ieuan", "Ciaran", "Declan", "Seamus", "Omar", "Yusuf", "Ibrahim",
            "Hamza", "Bilal", "Imran", "Sanjay", "Vikram", "Rajesh", "Wei", "Jun", "Piotr", "Marek", "Andrzej", "Emeka",
            "Tunde", "Kofi", "Yaw");
    static final List<String> SURNAMES = concat(DemoData.LAST, "Bailey", "Bell", "Collins", "Cook", "Richardson", "Wood",
            "Watson", "Brooks", "Parker", "Bennett", "Gray", "Adams", "Chapman", "Shaw", "Ellis", "Marshall", "Owen", "Lloyd",
            "Price", "Griffiths", "Powell", "Webb", "Palmer", "Mills", "Holmes", "Knight", "Barnes", "Lee", "Murray", "Dixon",
            "Fox", "Butler", "Foster", "Gibson", "Hunt", "Wells", "Russell", "Graham", "Ross", "Grant", "Hamilton", "Paterson",
            "Johnston", "Kennedy", "Henderson", "Robertson", "Ferguson", "Duncan", "Sutherland", "McKenzie", "Murdoch",
            "Lawson", "Stevenson", "Hughes", "Jenkins", "Rees", "Morgan", "Pritchard", "Vaughan", "Bowen", "Llewellyn",
            "Gallagher", "Doherty", "Byrne", "Quinn", "Walsh", "McLaughlin", "Donnelly", "Fitzgerald", "Brennan", "Lynch",
            "Ali", "Hussein", "Iqbal", "Rahman", "Akhtar", "Mahmood", "Sharma", "Gupta", "Chauhan", "Mistry", "Joshi", "Desai",
            "Chen", "Wang", "Li", "Nguyen", "Tran", "Kim", "Wisniewski", "Wojcik", "Kaminski", "Lewandowski", "Zielinski",
            "Adeyemi", "Okonkwo", "Owusu", "Boateng", "Asante", "Ogunleye", "Kowalczyk", "Silva", "Santos", "Ferreira",
            "Rossi", "Romano", "Schmidt", "Muller", "Fischer", "Andersen", "Hansen", "Novak", "Horvat", "Popescu", "Ivanov",
            "Sondergeld", "Waller", "Berry", "Harrington", "Painter", "Neumann", "Mackay", "Cochrane", "Poosala", "Hendra",
            "Thornton", "Pearce", "Hart", "Fletcher", "Lane", "Payne", "Holt", "Stone", "Bishop", "Day", "Reynolds", "Lamb",
            "Hayes", "Burton", "Harvey", "Gordon", "Kemp", "Sharp", "Woodward", "Atkinson", "Dawson", "Naylor", "Pickering",
            "Ackroyd", "Sutcliffe", "Greenwood", "Hargreaves", "Whitworth", "Haworth", "Ormerod", "Entwistle", "Tattersall",
            "Pemberton", "Cartwright", "Blackburn", "Featherstone", "Ainsworth", "Bottomley", "Crabtree", "Illingworth",
            "Oldroyd", "Rushworth", "Wainwright", "Drinkwater", "Heppenstall", "Micklethwaite", "Postlethwaite", "Quigley",
            "Zimmermann", "Vukovic", "Yilmaz", "Demir", "Kaya", "Abubakar", "Mwangi", "Otieno", "Haddad", "Nasser");

    /** Street names: a stem and a kind ("Oak" + "Road"); the kinds are what {@link Corruptions#abbreviate} shortens. */
    static final List<String> STREET_STEMS = List.of("High", "Station", "Church", "Victoria", "Green", "Manor", "Park",
            "Queens", "Mill", "Kings", "New", "London", "York", "Elm", "Chestnut", "Orchard", "Meadow", "Albert", "Springfield",
            "Windsor", "Beech", "Oak", "Grange", "Richmond", "Cedar", "Alexandra", "Mount", "Castle", "School", "North",
            "South", "West", "Bridge", "Market", "Vicarage", "Chapel", "Princes", "Hill", "Stanley", "Clarence", "Nelson",
            "Wellington", "Brook", "Willow", "Ash", "Hawthorn", "Heather", "Lime", "Rowan", "Sycamore", "Birch", "Holly",
            "Maple", "Poplar", "Laburnum", "Lavender", "Primrose", "Rosebery", "Kingsway", "Tullaroop", "Giblin", "Goldfinch",
            "Pinkerton", "Salkauskas", "Maltby", "Carlton", "Belmont", "Marlborough", "Cromwell", "Gladstone", "Abbey", "Priory");
    static final List<String> STREET_KINDS = List.of("Road", "Street", "Lane", "Avenue", "Close", "Drive", "Way", "Crescent",
            "Gardens", "Grove", "Place", "Terrace", "Court", "View");
    /** Second address lines: house and building names, most records have none. */
    static final List<String> BUILDINGS = List.of("Rose Cottage", "The Old Rectory", "Ivy House", "The Coach House",
            "Orchard House", "Mill House", "The Willows", "Hillside", "Fairview", "Woodlands", "The Bungalow", "Brookside",
            "Sunnyside", "Meadowbank", "Kooltuo", "Killarney", "Willaroo", "Coaling", "The Laurels", "Holly Lodge");

    /** Localities of each of DemoData's towns, by town index; a postcode district belongs to one locality. */
    static final List<List<String>> LOCALITIES = List.of(
            List.of("Peckham", "Lewisham", "Greenwich", "Deptford", "Brixton", "Dulwich", "Catford", "Eltham"),
            List.of("Islington", "Highbury", "Holloway", "Finchley", "Hornsey", "Tottenham", "Edmonton", "Southgate"),
            List.of("Headingley", "Chapel Allerton", "Roundhay", "Horsforth", "Armley", "Beeston", "Morley", "Otley"),
            List.of("Ecclesall", "Hillsborough", "Crookes", "Walkley", "Darnall", "Gleadless", "Woodseats", "Attercliffe"),
            List.of("Beeston", "Sneinton", "Bulwell", "Arnold", "Carlton", "West Bridgford", "Hucknall", "Mapperley"),
            List.of("Oadby", "Wigston", "Aylestone", "Belgrave", "Evington", "Knighton", "Braunstone", "Humberstone"),
            List.of("Clifton", "Redland", "Bedminster", "Bishopston", "Fishponds", "Southville", "Kingswood", "Filton"),
            List.of("Caversham", "Tilehurst", "Earley", "Woodley", "Whitley", "Calcot", "Emmer Green", "Southcote"),
            List.of("Edgbaston", "Moseley", "Harborne", "Erdington", "Handsworth", "Selly Oak", "Kings Heath", "Acocks Green"),
            List.of("Leith", "Morningside", "Portobello", "Corstorphine", "Stockbridge", "Marchmont", "Gorgie", "Liberton"),
            List.of("Partick", "Govan", "Shawlands", "Dennistoun", "Hillhead", "Pollokshields", "Maryhill", "Springburn"),
            List.of("Anfield", "Everton", "Toxteth", "Wavertree", "Walton", "Allerton", "Aigburth", "Garston"),
            List.of("Didsbury", "Chorlton", "Salford", "Moss Side", "Withington", "Levenshulme", "Ancoats", "Fallowfield"),
            List.of("Jesmond", "Heaton", "Gosforth", "Byker", "Fenham", "Benwell", "Walker", "Kenton"),
            List.of("Canton", "Roath", "Cathays", "Splott", "Llandaff", "Grangetown", "Whitchurch", "Ely"),
            List.of("Ballyhackamore", "Stranmillis", "Malone", "Ardoyne", "Andersonstown", "Sydenham", "Finaghy", "Ormeau"));
    /** The region ("state") of each town, by town index. */
    static final List<String> REGIONS = List.of("Greater London", "Greater London", "West Yorkshire", "South Yorkshire",
            "Nottinghamshire", "Leicestershire", "Bristol", "Berkshire", "West Midlands", "Lothian", "Glasgow City",
            "Merseyside", "Greater Manchester", "Tyne and Wear", "South Glamorgan", "County Antrim");

    /** Names people go by as well as their given name: a clerk writes one, another system the other. */
    static final Map<String, String> NICKNAMES = Map.ofEntries(Map.entry("William", "Bill"), Map.entry("Robert", "Bob"),
            Map.entry("Richard", "Dick"), Map.entry("Elizabeth", "Liz"), Map.entry("Margaret", "Maggie"),
            Map.entry("Katherine", "Kate"), Map.entry("Catherine", "Cathy"), Map.entry("Thomas", "Tom"),
            Map.entry("James", "Jim"), Map.entry("Michael", "Mike"), Map.entry("Daniel", "Dan"), Map.entry("Samuel", "Sam"),
            Map.entry("Alexander", "Alex"), Map.entry("Christopher", "Chris"), Map.entry("Jennifer", "Jenny"),
            Map.entry("Patricia", "Pat"), Map.entry("Susan", "Sue"), Map.entry("Anthony", "Tony"), Map.entry("Stephen", "Steve"),
            Map.entry("Andrew", "Andy"), Map.entry("Jonathan", "Jon"), Map.entry("Rebecca", "Becky"), Map.entry("Victoria", "Vicky"),
            Map.entry("Joseph", "Joe"), Map.entry("Edward", "Ed"), Map.entry("Charlotte", "Lottie"), Map.entry("Peter", "Pete"));

    private static List<String> concat(String[] base, String... more) {
        List<String> out = new ArrayList<>(List.of(base));
        for (String m : more) if (!out.contains(m)) out.add(m);
        return List.copyOf(out);
    }
}
