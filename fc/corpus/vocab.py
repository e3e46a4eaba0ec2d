"""Word pools the corpus draws values from: places, people, titles, things of every domain.

Pools are tuples (fixed order: a corpus is reproducible from its seed). Titles, people, teams,
companies and case names are invented from parts, so a value the model must copy is one it
cannot have memorised; places, chemicals, species and the like are ordinary world facts.

Example:
    .venv/bin/python -c "from fc.corpus.vocab import POOLS; print(sorted(POOLS))"
"""

from __future__ import annotations

# (city, country, US state or "") — US cities carry their state for "City, ST" parameters.
CITIES: tuple[tuple[str, str, str], ...] = (
    ("New York", "United States", "NY"), ("Los Angeles", "United States", "CA"),
    ("Chicago", "United States", "IL"), ("Houston", "United States", "TX"), ("Phoenix", "United States", "AZ"),
    ("Philadelphia", "United States", "PA"), ("San Diego", "United States", "CA"),
    ("Dallas", "United States", "TX"), ("Austin", "United States", "TX"), ("Seattle", "United States", "WA"),
    ("Denver", "United States", "CO"), ("Boston", "United States", "MA"), ("Nashville", "United States", "TN"),
    ("Portland", "United States", "OR"), ("Miami", "United States", "FL"), ("Atlanta", "United States", "GA"),
    ("Minneapolis", "United States", "MN"), ("Salt Lake City", "United States", "UT"),
    ("Kansas City", "United States", "MO"), ("Raleigh", "United States", "NC"), ("Tucson", "United States", "AZ"),
    ("Albuquerque", "United States", "NM"), ("Pittsburgh", "United States", "PA"), ("Madison", "United States", "WI"),
    ("Boise", "United States", "ID"), ("Savannah", "United States", "GA"), ("Anchorage", "United States", "AK"),
    ("Honolulu", "United States", "HI"), ("Sacramento", "United States", "CA"), ("Columbus", "United States", "OH"),
    ("London", "United Kingdom", ""), ("Manchester", "United Kingdom", ""), ("Edinburgh", "United Kingdom", ""),
    ("Paris", "France", ""), ("Lyon", "France", ""), ("Marseille", "France", ""), ("Berlin", "Germany", ""),
    ("Munich", "Germany", ""), ("Hamburg", "Germany", ""), ("Madrid", "Spain", ""), ("Barcelona", "Spain", ""),
    ("Seville", "Spain", ""), ("Lisbon", "Portugal", ""), ("Porto", "Portugal", ""), ("Rome", "Italy", ""),
    ("Milan", "Italy", ""), ("Naples", "Italy", ""), ("Amsterdam", "Netherlands", ""),
    ("Brussels", "Belgium", ""), ("Vienna", "Austria", ""), ("Zurich", "Switzerland", ""),
    ("Prague", "Czech Republic", ""), ("Warsaw", "Poland", ""), ("Krakow", "Poland", ""),
    ("Budapest", "Hungary", ""), ("Copenhagen", "Denmark", ""), ("Stockholm", "Sweden", ""),
    ("Oslo", "Norway", ""), ("Helsinki", "Finland", ""), ("Dublin", "Ireland", ""), ("Athens", "Greece", ""),
    ("Istanbul", "Turkey", ""), ("Cairo", "Egypt", ""), ("Nairobi", "Kenya", ""), ("Lagos", "Nigeria", ""),
    ("Cape Town", "South Africa", ""), ("Marrakesh", "Morocco", ""), ("Dubai", "United Arab Emirates", ""),
    ("Mumbai", "India", ""), ("Delhi", "India", ""), ("Bangalore", "India", ""), ("Bangkok", "Thailand", ""),
    ("Singapore", "Singapore", ""), ("Kuala Lumpur", "Malaysia", ""), ("Jakarta", "Indonesia", ""),
    ("Manila", "Philippines", ""), ("Hanoi", "Vietnam", ""), ("Seoul", "South Korea", ""), ("Busan", "South Korea", ""),
    ("Tokyo", "Japan", ""), ("Osaka", "Japan", ""), ("Kyoto", "Japan", ""), ("Beijing", "China", ""),
    ("Shanghai", "China", ""), ("Hong Kong", "China", ""), ("Taipei", "Taiwan", ""), ("Sydney", "Australia", ""),
    ("Melbourne", "Australia", ""), ("Brisbane", "Australia", ""), ("Auckland", "New Zealand", ""),
    ("Wellington", "New Zealand", ""), ("Toronto", "Canada", ""), ("Vancouver", "Canada", ""),
    ("Montreal", "Canada", ""), ("Calgary", "Canada", ""), ("Mexico City", "Mexico", ""),
    ("Guadalajara", "Mexico", ""), ("Bogota", "Colombia", ""), ("Lima", "Peru", ""), ("Santiago", "Chile", ""),
    ("Buenos Aires", "Argentina", ""), ("Sao Paulo", "Brazil", ""), ("Rio de Janeiro", "Brazil", ""),
    ("Reykjavik", "Iceland", ""), ("Tallinn", "Estonia", ""),
)

COUNTRIES = tuple(dict.fromkeys(c for _, c, _ in CITIES)) + (
    "Canada", "Argentina", "Chile", "Vietnam", "Ghana", "Ethiopia", "Nepal", "Mongolia", "Uruguay", "Costa Rica",
    "Jordan", "Croatia", "Slovenia", "Latvia", "Sri Lanka", "Bolivia", "Tanzania", "Senegal",
)
US_STATES = ("California", "Texas", "New York", "Florida", "Washington", "Oregon", "Colorado", "Illinois",
             "Georgia", "Arizona", "Massachusetts", "Ohio", "Michigan", "Minnesota", "Tennessee", "Utah",
             "Nevada", "North Carolina", "Virginia", "Pennsylvania", "Wisconsin", "Montana", "Maine", "Vermont")
FIRST_NAMES = ("Amara", "Liam", "Sofia", "Mateo", "Priya", "Noah", "Yuki", "Elena", "Kwame", "Hannah", "Diego",
               "Mei", "Omar", "Ingrid", "Tomas", "Aisha", "Lucas", "Freya", "Ravi", "Chloe", "Jonas", "Zara",
               "Felix", "Nadia", "Marcus", "Leila", "Hugo", "Ana", "Samuel", "Isla", "Kenji", "Maya", "Viktor",
               "Camila", "Ethan", "Rosa", "Idris", "Clara", "Malik", "Greta", "Theo", "Lina", "Oscar", "Nia")
LAST_NAMES = ("Okafor", "Lindqvist", "Moreau", "Castillo", "Nakamura", "Brennan", "Haddad", "Kowalski",
              "Fernandes", "Osei", "Whitfield", "Rahman", "Petrov", "Gallagher", "Sato", "Alvarez", "Novak",
              "Mensah", "Delgado", "Thornton", "Iyer", "Becker", "Ferreira", "Holm", "Quinn", "Adeyemi",
              "Vasquez", "Larsen", "Chen", "Abernathy", "Rossi", "Kaur", "Marsh", "Dubois", "Eriksen", "Tanaka")
PEOPLE = tuple(f"{FIRST_NAMES[i % len(FIRST_NAMES)]} {LAST_NAMES[(i * 7) % len(LAST_NAMES)]}" for i in range(120))

_TITLE_ADJ = ("Silent", "Hollow", "Golden", "Paper", "Crimson", "Quiet", "Broken", "Velvet", "Distant", "Wild",
              "Northern", "Glass", "Last", "Hidden", "Electric", "Salt", "Amber", "Winter", "Burning", "Lonely")
_TITLE_NOUN = ("Orchard", "Harbor", "Lantern", "River", "Compass", "Garden", "Machine", "Kingdom", "Tide",
               "Mirror", "Signal", "Station", "Meadow", "Archive", "Horizon", "Letters", "Engine", "Valley",
               "Frontier", "Atlas")
_TITLE_SHAPES = ("The {a} {n}", "{a} {n}", "The {n} of {p}", "A {a} {n}", "{n}s of {p}", "Beyond the {a} {n}",
                 "Midnight in {p}", "The {a} {n}s", "{a} {n} Blues", "Songs from the {n}")
TITLES = tuple(
    _TITLE_SHAPES[i % len(_TITLE_SHAPES)].format(
        a=_TITLE_ADJ[(i * 3) % len(_TITLE_ADJ)], n=_TITLE_NOUN[(i * 7) % len(_TITLE_NOUN)],
        p=CITIES[(i * 11) % len(CITIES)][0])
    for i in range(160))
BANDS = tuple(f"The {_TITLE_ADJ[i % 20]} {_TITLE_NOUN[(i * 3 + 1) % 20]}s" for i in range(40)) + PEOPLE[80:110]
_MASCOTS = ("Hawks", "Comets", "Foxes", "Mariners", "Rangers", "Wolves", "Titans", "Owls", "Pioneers", "Storm",
            "Miners", "Lynx", "Herons", "Bison", "Falcons", "Otters")
TEAMS = tuple(f"{CITIES[(i * 5) % 60][0]} {_MASCOTS[i % len(_MASCOTS)]}" for i in range(48))
_CO_A = ("North", "Blue", "Bright", "Iron", "Silver", "Cedar", "Summit", "Harbor", "Pixel", "Maple", "Atlas",
         "Nova", "Granite", "Willow", "Cobalt", "Orbit")
_CO_B = ("wind", "peak", "field", "stone", "line", "ridge", "works", "gate", "leaf", "bridge")
_CO_C = ("Traders", "Analytics", "Logistics", "Foods", "Energy", "Labs", "Systems", "Outfitters", "Health",
         "Holdings", "Robotics", "Media")
COMPANIES = tuple(f"{_CO_A[i % 16]}{_CO_B[(i * 3) % 10]} {_CO_C[(i * 5) % 12]}" for i in range(60))
TICKERS = ("AAPL", "MSFT", "GOOGL", "AMZN", "TSLA", "NVDA", "META", "NFLX", "IBM", "ORCL", "INTC", "AMD", "KO",
           "PEP", "DIS", "NKE", "JPM", "V", "WMT", "COST", "SBUX", "ADBE", "CRM", "UBER", "SHOP", "BA", "GE", "F")
CRYPTO = ("BTC", "ETH", "SOL", "ADA", "DOT", "XRP", "DOGE", "LTC", "AVAX", "LINK", "MATIC", "ATOM")
CURRENCIES = ("USD", "EUR", "GBP", "JPY", "CAD", "AUD", "CHF", "CNY", "INR", "MXN", "BRL", "SEK", "NZD", "KRW",
              "SGD", "NOK", "ZAR", "TRY")
AIRPORTS = ("JFK", "LAX", "SFO", "ORD", "LHR", "CDG", "FRA", "AMS", "NRT", "HND", "SIN", "DXB", "SYD", "YYZ",
            "MEX", "GRU", "BCN", "MAD", "FCO", "IST", "ICN", "BOS", "SEA", "DEN", "ATL", "MIA", "DUB", "CPH",
            "ZRH", "VIE", "HKG", "BKK", "DEL", "JNB", "AKL", "LIS")
AIRLINES = ("Skyward Air", "Coastal Airways", "Meridian Airlines", "Polar Jet", "Aurora Air", "Transpacific Express")
HOTELS = tuple(f"{a} {b}" for a, b in zip(
    ("The Linden", "Harbor View", "Grand Meridian", "Cedar Lodge", "Parkside", "The Wren", "Bluewater",
     "Old Town", "Skyline", "The Aster", "Riverside", "Maple Court"),
    ("Hotel", "Inn", "Hotel", "Resort", "Suites", "Hotel", "Resort", "Inn", "Hotel", "House", "Suites", "Hotel")))
RESTAURANTS = ("Casa Lumen", "The Copper Pot", "Little Saigon Kitchen", "Trattoria Sole", "Blue Fin Sushi",
               "Spice Route", "Green Table", "Smoke & Oak BBQ", "Café Mirelle", "Olive Grove Taverna",
               "Seoul Garden", "Taqueria Norte", "The Hungry Fox", "Lotus Leaf", "Harbor Chowder House")

COMPOUNDS = ("water", "ethanol", "glucose", "sodium chloride", "carbon dioxide", "methane", "ammonia",
             "sulfuric acid", "benzene", "acetone", "caffeine", "aspirin", "sucrose", "hydrogen peroxide",
             "calcium carbonate", "acetic acid", "propane", "nitric acid", "magnesium sulfate", "urea")
FORMULAS = ("H2O", "C2H5OH", "C6H12O6", "NaCl", "CO2", "CH4", "NH3", "H2SO4", "C6H6", "C3H6O", "C8H10N4O2",
            "C9H8O4", "C12H22O11", "H2O2", "CaCO3", "CH3COOH", "C3H8", "HNO3", "MgSO4", "KMnO4", "Fe2O3")
ELEMENTS = ("hydrogen", "helium", "lithium", "carbon", "nitrogen", "oxygen", "fluorine", "neon", "sodium",
            "magnesium", "aluminum", "silicon", "phosphorus", "sulfur", "chlorine", "potassium", "calcium",
            "iron", "copper", "zinc", "silver", "tin", "iodine", "platinum", "gold", "mercury", "lead", "uranium")
ELEMENT_SYMBOLS = ("H", "He", "Li", "C", "N", "O", "F", "Ne", "Na", "Mg", "Al", "Si", "P", "S", "Cl", "K", "Ca",
                   "Fe", "Cu", "Zn", "Ag", "Sn", "I", "Pt", "Au", "Hg", "Pb", "U")
SPECIES = ("red fox", "bottlenose dolphin", "monarch butterfly", "snow leopard", "honey bee", "African elephant",
           "gray wolf", "emperor penguin", "giant panda", "koala", "green sea turtle", "bald eagle", "orca",
           "axolotl", "red panda", "blue whale", "cheetah", "barn owl", "poison dart frog", "Komodo dragon")
SCIENTIFIC_NAMES = ("Vulpes vulpes", "Tursiops truncatus", "Danaus plexippus", "Panthera uncia", "Apis mellifera",
                    "Loxodonta africana", "Canis lupus", "Aptenodytes forsteri", "Ailuropoda melanoleuca",
                    "Phascolarctos cinereus", "Chelonia mydas", "Haliaeetus leucocephalus", "Orcinus orca",
                    "Ambystoma mexicanum", "Quercus robur", "Escherichia coli", "Homo sapiens", "Drosophila melanogaster")
GENES = ("BRCA1", "BRCA2", "TP53", "EGFR", "APOE", "CFTR", "MTHFR", "KRAS", "HBB", "MYC", "PTEN", "FOXP2", "LCT",
         "ACE2", "HLA-B", "SOD1")
DNA_SEQUENCES = ("ATGCGTACGTTAGC", "GGCTAACGTTAGCA", "TTAGGCATCGATCG", "ATGAAACCCGGGTTT", "CGATCGATTACGGA",
                 "ATGGCCATTGTAATGGGCCGC", "AGCTTAGCTAGGCTA", "GATTACAGATTACA")
SYMPTOMS = ("headache", "fever", "cough", "fatigue", "nausea", "sore throat", "dizziness", "rash",
            "shortness of breath", "back pain", "joint pain", "runny nose", "chest tightness", "insomnia",
            "stomach cramps", "blurred vision")
CONDITIONS = ("type 2 diabetes", "hypertension", "asthma", "migraine", "seasonal allergies", "anemia",
              "hypothyroidism", "osteoarthritis", "eczema", "high cholesterol", "sleep apnea", "celiac disease")
MEDICATIONS = ("ibuprofen", "acetaminophen", "amoxicillin", "metformin", "lisinopril", "atorvastatin",
               "omeprazole", "cetirizine", "sertraline", "levothyroxine", "albuterol", "prednisone", "loratadine")
INGREDIENTS = ("chicken breast", "brown rice", "spinach", "eggs", "rolled oats", "salmon", "tofu", "quinoa",
               "avocado", "almonds", "broccoli", "sweet potato", "lentils", "Greek yogurt", "tomatoes", "garlic",
               "basil", "mozzarella", "flour", "butter", "mushrooms", "chickpeas", "bell peppers", "onions",
               "coconut milk", "ginger", "lemon", "parmesan", "black beans", "zucchini")
DISHES = ("chicken tikka masala", "vegetable lasagna", "pad thai", "mushroom risotto", "beef stew", "shakshuka",
          "banana bread", "miso soup", "fish tacos", "ratatouille", "lentil curry", "carbonara", "pho",
          "falafel wraps", "apple crumble", "paella", "bibimbap", "minestrone")
CUISINES = ("italian", "mexican", "japanese", "indian", "thai", "french", "chinese", "greek", "korean",
            "vietnamese", "spanish", "lebanese", "ethiopian", "american")
DIETS = ("vegetarian", "vegan", "gluten_free", "keto", "paleo", "dairy_free", "pescatarian", "low_sodium")
SUBJECTS = ("algebra", "biology", "world history", "chemistry", "computer science", "economics", "literature",
            "physics", "statistics", "Spanish", "geometry", "art history", "psychology", "music theory")
UNIVERSITIES = ("Westbrook University", "Harlow Institute of Technology", "Lakemont College",
                "University of Eastvale", "Pinecrest State University", "Ashford Polytechnic",
                "Redwood Valley College", "Northgate University")
PLANETS = ("Mercury", "Venus", "Earth", "Mars", "Jupiter", "Saturn", "Uranus", "Neptune")
MOONS = ("Europa", "Titan", "Io", "Ganymede", "Enceladus", "Callisto", "Triton", "Phobos", "the Moon")
STARS = ("Sirius", "Betelgeuse", "Vega", "Polaris", "Rigel", "Proxima Centauri", "Aldebaran", "Antares",
         "Arcturus", "Capella", "Deneb", "Spica")
GALAXIES = ("Andromeda", "Triangulum", "Whirlpool Galaxy", "Sombrero Galaxy", "Large Magellanic Cloud",
            "Pinwheel Galaxy", "Centaurus A")
CONSTELLATIONS = ("Orion", "Cassiopeia", "Ursa Major", "Scorpius", "Cygnus", "Lyra", "Leo", "Taurus", "Andromeda",
                  "Perseus", "Gemini", "Sagittarius")
MOUNTAINS = ("Mount Kilimanjaro", "Mont Blanc", "Mount Fuji", "Denali", "Aconcagua", "Mount Elbrus",
             "Matterhorn", "Mount Rainier", "K2", "Table Mountain", "Ben Nevis", "Mount Kosciuszko")
RIVERS = ("Amazon", "Danube", "Mississippi", "Mekong", "Rhine", "Yangtze", "Nile", "Colorado River", "Thames",
          "Ganges", "Volga", "Zambezi", "Murray", "Loire")
LAKES = ("Lake Baikal", "Lake Titicaca", "Lake Victoria", "Lake Tahoe", "Lake Geneva", "Lake Superior",
         "Loch Ness", "Lake Como", "Great Salt Lake", "Lake Malawi")
LANDMARKS = ("Eiffel Tower", "Colosseum", "Machu Picchu", "Sagrada Familia", "Golden Gate Bridge", "Taj Mahal",
             "Angkor Wat", "Petra", "Chichen Itza", "Sydney Opera House", "Alhambra", "Acropolis")
MUSEUMS = ("Louvre", "Prado Museum", "Rijksmuseum", "Uffizi Gallery", "British Museum", "Museum of Modern Art",
           "Art Institute of Chicago", "Hermitage Museum", "Tate Modern", "National Gallery of Art")
ARTWORKS = ("The Starry Night", "Girl with a Pearl Earring", "The Persistence of Memory", "Water Lilies",
            "The Great Wave off Kanagawa", "American Gothic", "The Night Watch", "Las Meninas", "The Kiss",
            "Nighthawks", "The Birth of Venus", "Liberty Leading the People")
PAINTERS = ("Vincent van Gogh", "Johannes Vermeer", "Salvador Dali", "Claude Monet", "Katsushika Hokusai",
            "Grant Wood", "Rembrandt", "Diego Velazquez", "Gustav Klimt", "Edward Hopper", "Frida Kahlo",
            "Georgia O'Keeffe")
HISTORY_EVENTS = ("French Revolution", "fall of the Berlin Wall", "signing of the Magna Carta",
                  "Apollo 11 moon landing", "Battle of Hastings", "Industrial Revolution", "printing press invention",
                  "Meiji Restoration", "founding of the Roman Republic", "Congress of Vienna", "Treaty of Westphalia",
                  "construction of the Great Wall", "Renaissance in Florence", "Silk Road trade")
HISTORICAL_FIGURES = ("Cleopatra", "Genghis Khan", "Marie Curie", "Leonardo da Vinci", "Nelson Mandela",
                      "Ada Lovelace", "Simon Bolivar", "Queen Victoria", "Mansa Musa", "Hypatia", "Ashoka",
                      "Frederick Douglass")
CASE_NAMES = tuple(f"{LAST_NAMES[i % 36]} v. {('Milton Logistics', 'State of Oregon', 'Crestview Homes', 'Pell', 'Quarry Bank', 'City of Dunmore', 'Hartley', 'Orion Media')[i % 8]}" for i in range(24))
JURISDICTIONS = ("California", "New York", "Texas", "England and Wales", "Ontario", "Delaware", "Florida",
                 "Scotland", "New South Wales", "federal")
LAW_AREAS = ("contract", "employment", "tenancy", "intellectual_property", "family", "criminal", "tax", "privacy")
PRODUCTS = ("wireless earbuds", "standing desk", "espresso machine", "running shoes", "4K monitor",
            "mechanical keyboard", "yoga mat", "air purifier", "hiking backpack", "smartwatch", "robot vacuum",
            "electric kettle", "noise-cancelling headphones", "cast iron skillet", "office chair", "e-reader",
            "portable charger", "camping tent")
PRODUCT_CATEGORIES = ("electronics", "home", "kitchen", "sports", "books", "clothing", "toys", "beauty",
                      "garden", "office")
BRANDS = tuple(f"{_CO_A[i]}{_CO_B[i % 10]}" for i in range(16))
JOB_TITLES = ("data analyst", "nurse practitioner", "software engineer", "graphic designer", "project manager",
              "electrician", "accountant", "high school teacher", "UX researcher", "mechanical engineer",
              "paralegal", "physical therapist", "sous chef", "marketing coordinator", "civil engineer")
DEPARTMENTS = ("engineering", "marketing", "sales", "finance", "human resources", "operations", "legal",
               "customer support", "research", "design")
SKILLS = ("Python", "SQL", "project management", "public speaking", "Excel", "negotiation", "data visualization",
          "copywriting", "machine learning", "welding", "bookkeeping", "Figma")
LANGUAGES = ("English", "Spanish", "French", "German", "Italian", "Portuguese", "Japanese", "Chinese", "Korean",
             "Arabic", "Hindi", "Russian", "Dutch", "Swedish", "Turkish", "Polish", "Greek", "Swahili")
LANGUAGE_CODES = ("en", "es", "fr", "de", "it", "pt", "ja", "zh", "ko", "ar", "hi", "ru", "nl", "sv", "tr", "pl")
INSTRUMENTS = ("piano", "violin", "guitar", "cello", "flute", "drums", "saxophone", "trumpet", "ukulele",
               "clarinet", "harp", "bass guitar")
GENRES = ("jazz", "rock", "pop", "classical", "hip hop", "electronic", "country", "blues", "reggae", "folk",
          "metal", "soul")
MUSIC_KEYS = ("C major", "G major", "D major", "A minor", "E minor", "F major", "B flat major", "D minor",
              "E flat major", "F sharp minor")
SPORTS = ("soccer", "basketball", "tennis", "baseball", "hockey", "cricket", "rugby", "golf", "volleyball",
          "american_football")
LEAGUES = ("Premier League", "La Liga", "NBA", "NHL", "MLB", "Serie A", "Bundesliga", "WNBA", "MLS", "IPL")
EXERCISES = ("squats", "push-ups", "running", "cycling", "swimming", "rowing", "deadlifts", "yoga",
             "jump rope", "hiking", "lunges", "plank")
VEHICLES = ("Toyota Corolla", "Honda Civic", "Ford F-150", "Tesla Model 3", "Subaru Outback", "Volkswagen Golf",
            "Hyundai Ioniq 5", "Mazda CX-5", "Kia Sportage", "BMW 3 Series", "Nissan Leaf", "Jeep Wrangler")
DOG_BREEDS = ("labrador retriever", "german shepherd", "beagle", "golden retriever", "poodle", "bulldog",
              "border collie", "dachshund", "siberian husky", "shih tzu")
CAT_BREEDS = ("siamese", "maine coon", "persian", "bengal", "ragdoll", "sphynx", "british shorthair")
PET_NAMES = ("Biscuit", "Luna", "Pepper", "Milo", "Ziggy", "Nala", "Oreo", "Mochi", "Rex", "Clover", "Juniper",
             "Waffles")
CROPS = ("wheat", "corn", "soybeans", "rice", "barley", "potatoes", "tomatoes", "canola", "cotton", "sunflowers",
         "oats", "sugar beets", "alfalfa", "coffee")
LIVESTOCK = ("dairy cattle", "beef cattle", "sheep", "goats", "pigs", "laying hens", "broiler chickens", "alpacas")
SOILS = ("clay", "sandy", "loam", "silt", "peat", "chalky")
PORTS = ("Rotterdam", "Singapore", "Shanghai", "Hamburg", "Los Angeles", "Antwerp", "Busan", "Valencia",
         "Piraeus", "Santos", "Durban", "Vancouver", "Felixstowe", "Yokohama")
VESSELS = ("MV Northern Star", "MV Coral Dawn", "Atlantic Voyager", "MSC Aurelia", "Ever Lumen", "Baltic Trader",
           "Pacific Heron", "MV Sea Lantern", "Cape Meridian", "Nordic Tern")
VESSEL_TYPES = ("container", "bulk_carrier", "tanker", "ro_ro", "cruise", "fishing")
CARRIERS = ("Lumina Mobile", "Skyline Telecom", "Vertex Wireless", "Pulse Connect", "Orbit Cellular")
DOMAINS_WEB = ("northwind-traders.com", "bluepeak.io", "cedarworks.net", "harborlabs.org", "pixelgate.dev",
               "maplebridge.co", "summitstone.app", "atlasleaf.io")
REPOS = ("acme/billing-service", "northwind/web-frontend", "harborlabs/data-pipeline", "pixelgate/mobile-app",
         "openfield/ml-toolkit", "cedarworks/api-gateway", "summit/infra-config", "atlasleaf/search-index")
PROG_LANGS = ("python", "javascript", "java", "go", "rust", "typescript", "c++", "ruby", "kotlin", "swift")
PACKAGES = ("requests", "numpy", "lodash", "express", "pandas", "react", "serde", "flask", "tokio", "axios")
GAME_TITLES = tuple(f"{_TITLE_ADJ[(i * 7) % 20]} {('Quest', 'Legends', 'Odyssey', 'Tactics', 'Drift', 'Saga', 'Arena', 'Frontier')[i % 8]}" for i in range(24))
PLATFORMS = ("pc", "playstation", "xbox", "switch", "mobile")
EVENT_TYPES = ("concert", "theater", "comedy", "sports", "festival", "conference", "exhibition", "opera")
VENUES = ("Riverside Arena", "The Blue Room", "Grand Civic Theater", "Harbor Pavilion", "Old Mill Hall",
          "Northgate Stadium", "The Lantern Club", "Eastside Amphitheater")
NEWS_TOPICS = ("climate policy", "electric vehicles", "interest rates", "space exploration", "artificial intelligence",
               "housing market", "public health", "renewable energy", "the World Cup", "semiconductor supply",
               "ocean conservation", "elections")
HASHTAGS = ("#sustainability", "#travelgram", "#foodie", "#marathontraining", "#indiedev", "#booktok",
            "#photography", "#smallbusiness", "#gardening", "#astronomy")
USERNAMES = tuple(f"{FIRST_NAMES[i % 44].lower()}{('_', '.', '')[i % 3]}{LAST_NAMES[(i * 5) % 36].lower()[:5]}{(i * 37) % 100 if i % 2 else ''}" for i in range(40))
MESSAGES = ("Running 10 minutes late, start without me", "Can we move the meeting to Thursday?",
            "Happy birthday! Hope you have a great day", "The package arrived, thanks!",
            "Please review the draft before Friday", "Dinner is at 7, see you there",
            "Don't forget to bring the charger", "I'll call you after the game",
            "The report is ready for your sign-off", "Flight landed, heading to the hotel now",
            "Could you send me the slides from today?", "Great job on the launch, team!",
            "Reminder: rent is due on the first", "Let's grab coffee next week")
NOTES = ("Buy milk, eggs and coffee filters", "Call the plumber about the kitchen sink",
         "Ideas for the garden: raised beds and a compost bin", "Renew passport before August",
         "Book club picks: two mysteries and a memoir", "Ask the landlord about the heating",
         "Pack sunscreen and the spare tent pegs", "Draft the quarterly budget summary")
REVIEWS = ("Great value, would buy again", "Arrived late but works perfectly", "Battery life is shorter than advertised",
           "Comfortable and well made", "The instructions were confusing", "Exceeded my expectations")
FILE_NAMES = ("q3_report.pdf", "budget_2024.xlsx", "meeting_notes.txt", "site_photo.jpg", "contract_draft.docx",
              "dataset.csv", "slides_final.pptx", "invoice_8841.pdf", "backup.tar.gz", "readme.md")
COLORS = ("black", "white", "navy", "red", "forest green", "silver", "beige", "charcoal", "sky blue", "olive")
POLLUTANTS = ("pm2_5", "pm10", "ozone", "no2", "so2", "co")
ENERGY_SOURCES = ("solar", "wind", "hydro", "natural_gas", "coal", "nuclear", "geothermal", "biomass")
APPLIANCES = ("refrigerator", "washing machine", "dishwasher", "space heater", "air conditioner", "electric oven",
              "clothes dryer", "heat pump", "water heater", "gaming PC")
CLIMATE_ZONES = ("tropical", "arid", "temperate", "continental", "polar", "mediterranean")
MINERALS = ("quartz", "feldspar", "calcite", "mica", "olivine", "pyrite", "gypsum", "hematite", "magnetite",
            "garnet", "talc", "fluorite")
ROCK_TYPES = ("igneous", "sedimentary", "metamorphic")
VOLCANOES = ("Mount Etna", "Kilauea", "Mount St. Helens", "Eyjafjallajokull", "Popocatepetl", "Mount Vesuvius",
             "Stromboli", "Mauna Loa")
COURSES = tuple(f"{s.title() if s[0].islower() else s} {n}" for s, n in zip(
    ("algebra", "biology", "chemistry", "computer science", "economics", "physics", "statistics", "psychology",
     "world history", "calculus"), ("101", "201", "110", "220", "102", "150", "210", "100", "120", "250")))
GRADE_LEVELS = ("kindergarten", "elementary", "middle_school", "high_school", "undergraduate", "graduate")
INSURANCE_TYPES = ("auto", "home", "renters", "life", "health", "travel", "pet")
TRANSIT_MODES = ("bus", "subway", "tram", "train", "ferry")
RIDE_TYPES = ("standard", "xl", "premium", "shared")
TV_SHOWS = tuple(f"{t}" for t in TITLES[100:130])
PODCASTS = tuple(f"{t} Podcast" for t in TITLES[130:145])
FONT_STYLES = ("serif", "sans_serif", "monospace", "handwritten")
ART_MOVEMENTS = ("impressionism", "cubism", "surrealism", "baroque", "renaissance", "expressionism",
                 "pop_art", "minimalism")
WINES = ("pinot noir", "chardonnay", "malbec", "riesling", "sauvignon blanc", "tempranillo", "merlot", "syrah")
PLANTS = ("tomato plant", "basil", "fiddle leaf fig", "snake plant", "rosemary", "orchid", "lavender", "monstera",
          "succulents", "hydrangea")
ROOMS = ("living room", "kitchen", "bedroom", "office", "garage", "bathroom", "hallway", "patio")
DEVICES = ("thermostat", "porch light", "robot vacuum", "garage door", "smart plug", "ceiling fan", "door lock",
           "security camera")
PROTOCOLS = ("tcp", "udp", "http", "https", "ssh", "dns", "icmp")
SERVICES = ("billing-api", "auth-service", "search-worker", "payments-gateway", "email-sender", "image-resizer",
            "report-builder", "inventory-sync")
ENVIRONMENTS = ("production", "staging", "development", "qa")
TELECOM_PLANS = ("Unlimited Plus", "Basic 5GB", "Family Share 40GB", "Prepaid Flex", "Business Pro")

POOLS: dict[str, tuple[str, ...]] = {
    "city": tuple(c for c, _, _ in CITIES), "us_city": tuple(f"{c}, {s}" for c, _, s in CITIES if s),
    "country": COUNTRIES, "us_state": US_STATES, "person": PEOPLE, "first_name": FIRST_NAMES,
    "title": TITLES, "band": BANDS, "team": TEAMS, "company": COMPANIES, "ticker": TICKERS, "crypto": CRYPTO,
    "currency": CURRENCIES, "airport": AIRPORTS, "airline": AIRLINES, "hotel": HOTELS, "restaurant": RESTAURANTS,
    "compound": COMPOUNDS, "formula": FORMULAS, "element": ELEMENTS, "element_symbol": ELEMENT_SYMBOLS,
    "species": SPECIES, "scientific_name": SCIENTIFIC_NAMES, "gene": GENES, "dna": DNA_SEQUENCES,
    "symptom": SYMPTOMS, "condition": CONDITIONS, "medication": MEDICATIONS, "ingredient": INGREDIENTS,
    "dish": DISHES, "cuisine": CUISINES, "diet": DIETS, "subject": SUBJECTS, "university": UNIVERSITIES,
    "planet": PLANETS, "moon": MOONS, "star": STARS, "galaxy": GALAXIES, "constellation": CONSTELLATIONS,
    "mountain": MOUNTAINS, "river": RIVERS, "lake": LAKES, "landmark": LANDMARKS, "museum": MUSEUMS,
    "artwork": ARTWORKS, "painter": PAINTERS, "history_event": HISTORY_EVENTS, "figure": HISTORICAL_FIGURES,
    "case_name": CASE_NAMES, "jurisdiction": JURISDICTIONS, "law_area": LAW_AREAS, "product": PRODUCTS,
    "product_category": PRODUCT_CATEGORIES, "brand": BRANDS, "job_title": JOB_TITLES, "department": DEPARTMENTS,
    "skill": SKILLS, "language": LANGUAGES, "language_code": LANGUAGE_CODES, "instrument": INSTRUMENTS,
    "genre": GENRES, "music_key": MUSIC_KEYS, "sport": SPORTS, "league": LEAGUES, "exercise": EXERCISES,
    "vehicle": VEHICLES, "dog_breed": DOG_BREEDS, "cat_breed": CAT_BREEDS, "pet_name": PET_NAMES, "crop": CROPS,
    "livestock": LIVESTOCK, "soil": SOILS, "port": PORTS, "vessel": VESSELS, "vessel_type": VESSEL_TYPES,
    "carrier": CARRIERS, "web_domain": DOMAINS_WEB, "repo": REPOS, "prog_lang": PROG_LANGS, "package": PACKAGES,
    "game": GAME_TITLES, "platform": PLATFORMS, "event_type": EVENT_TYPES, "venue": VENUES,
    "news_topic": NEWS_TOPICS, "hashtag": HASHTAGS, "username": USERNAMES, "message": MESSAGES, "note": NOTES,
    "review": REVIEWS, "file_name": FILE_NAMES, "color": COLORS, "pollutant": POLLUTANTS,
    "energy_source": ENERGY_SOURCES, "appliance": APPLIANCES, "climate_zone": CLIMATE_ZONES, "mineral": MINERALS,
    "rock_type": ROCK_TYPES, "volcano": VOLCANOES, "course": COURSES, "grade_level": GRADE_LEVELS,
    "insurance_type": INSURANCE_TYPES, "transit_mode": TRANSIT_MODES, "ride_type": RIDE_TYPES, "tv_show": TV_SHOWS,
    "podcast": PODCASTS, "art_movement": ART_MOVEMENTS, "wine": WINES, "plant": PLANTS, "room": ROOMS,
    "device": DEVICES, "protocol": PROTOCOLS, "service": SERVICES, "environment": ENVIRONMENTS,
    "telecom_plan": TELECOM_PLANS, "font_style": FONT_STYLES,
}
