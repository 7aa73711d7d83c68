// Reference data for the demo catalog: ~32 wholesale categories, each with fictional brands and
// product lines "Product: variant | variant …". Brands are invented so the demo infringes nobody.
// Building-trade categories live in catalog-data-building.ts.
import { BUILDING_CATEGORIES } from "./catalog-data-building.ts";

export type Season =
  | "flat"
  | "summer"
  | "winter"
  | "icemelt"
  | "spring"
  | "holiday"
  | "school"
  | "build"
  | "hvac";

/** Demand multiplier per calendar month (Jan..Dec), in percent. */
export const SEASONS: Record<Season, readonly number[]> = {
  flat: [100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100],
  summer: [70, 72, 85, 100, 120, 140, 150, 145, 115, 95, 80, 85],
  winter: [140, 130, 110, 90, 80, 75, 75, 80, 90, 105, 125, 145],
  icemelt: [230, 180, 100, 40, 15, 10, 10, 10, 25, 80, 170, 240],
  spring: [55, 65, 110, 160, 170, 140, 115, 100, 95, 85, 65, 55],
  holiday: [90, 85, 90, 95, 95, 95, 95, 95, 105, 115, 140, 165],
  school: [110, 100, 100, 95, 90, 80, 105, 155, 130, 100, 90, 80],
  build: [75, 80, 100, 115, 120, 120, 115, 115, 110, 105, 90, 70],
  hvac: [125, 115, 100, 95, 110, 130, 135, 130, 105, 95, 105, 120],
};

export type Segment = "grocery" | "restaurant" | "contractor" | "hardware" | "institution";

export type CategorySpec = {
  code: string;
  name: string;
  season: Season;
  /** Cost per each, in cents: [min, max]. */
  cost: [number, number];
  /** Case factors to choose from (1 = sold by the each only). */
  cases: readonly number[];
  /** Cases per pallet for bulky categories (0 = never palletised). */
  palletCases: number;
  /** How much each customer segment buys from this category (0 = never). */
  segments: Partial<Record<Segment, number>>;
  brands: readonly string[];
  products: readonly string[];
};

const FOOD = ["Harbor Point", "Prairie Gold", "Sunfield"];
const CLEAN = ["Crestline", "Brightwell", "ProClean"];

export const CATEGORIES: readonly CategorySpec[] = [
  {
    code: "FSD",
    name: "Food Service Disposables",
    season: "summer",
    cost: [250, 1400],
    cases: [10, 20, 25],
    palletCases: 60,
    segments: { restaurant: 10, grocery: 3, institution: 4 },
    brands: ["ServeRight", "EcoServe", "Harbor Point"],
    products: [
      "Hot Cup, Sleeve of 50: 8 oz | 12 oz | 16 oz | 20 oz",
      "Cold Cup, Sleeve of 50: 12 oz | 16 oz | 24 oz | 32 oz",
      "Dome Lid, Sleeve of 100: 12 oz | 16 oz | 24 oz",
      "Hinged Foam Container, Pack of 100: 6 in | 8 in | 9 in 3-Compartment",
      "Deli Container with Lid, Pack of 50: 8 oz | 16 oz | 32 oz",
      "Kraft Takeout Box, Pack of 50: #1 | #2 | #3 | #4",
      "Wrapped Straw, Box of 500: 7.75 in | 10.25 in Giant",
    ],
  },
  {
    code: "CUT",
    name: "Cutlery & Napkins",
    season: "summer",
    cost: [400, 2600],
    cases: [6, 10, 12],
    palletCases: 80,
    segments: { restaurant: 7, institution: 3, grocery: 2 },
    brands: ["ServeRight", "EcoServe", "Sunfield"],
    products: [
      "Polypropylene Fork, Box of 1000: Medium Weight | Heavy Weight",
      "Polypropylene Knife, Box of 1000: Medium Weight | Heavy Weight",
      "Polypropylene Spoon, Box of 1000: Medium Weight | Heavy Weight",
      "Wrapped Cutlery Kit, Case of 250: Fork/Knife/Napkin | Fork/Knife/Spoon/Napkin",
      "Dinner Napkin, Pack of 300: White 2-Ply | Kraft 1-Ply",
      "Beverage Napkin, Pack of 500: White | Black",
      "Dispenser Napkin, Pack of 500: Tall-Fold | Interfold",
    ],
  },
  {
    code: "DRY",
    name: "Dry Grocery",
    season: "flat",
    cost: [90, 2400],
    cases: [6, 12, 24],
    palletCases: 80,
    segments: { grocery: 10, restaurant: 6 },
    brands: FOOD,
    products: [
      "Diced Tomatoes: 14.5 oz Can | #10 Can",
      "Tomato Sauce: 15 oz Can | #10 Can",
      "Black Beans: 15 oz Can | #10 Can",
      "Chickpeas: 15 oz Can | #10 Can",
      "Long Grain White Rice: 2 lb Bag | 25 lb Bag",
      "Spaghetti: 1 lb Box | 10 lb Case",
      "Penne Rigate: 1 lb Box | 10 lb Case",
      "Chicken Broth: 32 oz Carton | 49 oz Can",
      "Peanut Butter: 16 oz Jar | 5 lb Tub",
    ],
  },
  {
    code: "SNK",
    name: "Snacks & Confectionery",
    season: "holiday",
    cost: [40, 1800],
    cases: [12, 24, 48],
    palletCases: 90,
    segments: { grocery: 8, institution: 2 },
    brands: ["Crunch Bros", "Sunfield", "Maple Lane"],
    products: [
      "Kettle Potato Chips: 1.5 oz Bag | 8 oz Bag",
      "Tortilla Chips: 1 oz Bag | 13 oz Bag",
      "Pretzel Twists: 1.5 oz Bag | 16 oz Bag",
      "Trail Mix: 2 oz Bag | 26 oz Canister",
      "Milk Chocolate Bar: 1.55 oz | 3.5 oz",
      "Peanut Butter Cups: 1.5 oz | 10 oz Bag",
      "Granola Bar: Oats & Honey 1.5 oz | Chocolate Chip 1.5 oz",
      "Gummy Bears: 5 oz Bag | 2 lb Tub",
    ],
  },
  {
    code: "BSD",
    name: "Beverages – Soft Drinks",
    season: "summer",
    cost: [45, 900],
    cases: [12, 24],
    palletCases: 84,
    segments: { grocery: 9, restaurant: 6, institution: 2 },
    brands: ["Fizzco", "Blue Ridge", "Sunfield"],
    products: [
      "Cola: 12 oz Can | 20 oz Bottle | 2 L Bottle",
      "Diet Cola: 12 oz Can | 20 oz Bottle | 2 L Bottle",
      "Lemon-Lime Soda: 12 oz Can | 20 oz Bottle | 2 L Bottle",
      "Root Beer: 12 oz Can | 2 L Bottle",
      "Ginger Ale: 12 oz Can | 2 L Bottle",
      "Orange Soda: 12 oz Can | 2 L Bottle",
      "Fountain Syrup Bag-in-Box: Cola 5 gal | Lemon-Lime 5 gal | Iced Tea 5 gal",
    ],
  },
  {
    code: "BWJ",
    name: "Beverages – Water & Juice",
    season: "summer",
    cost: [25, 700],
    cases: [12, 24, 35],
    palletCases: 72,
    segments: { grocery: 9, restaurant: 4, institution: 3, contractor: 1 },
    brands: ["Clearspring", "Blue Ridge", "Orchard Valley"],
    products: [
      "Purified Water: 16.9 oz Bottle | 1 gal Jug",
      "Sparkling Water: 12 oz Can Lime | 12 oz Can Berry | 12 oz Can Plain",
      "Sports Drink: 20 oz Lemon-Lime | 20 oz Fruit Punch | 28 oz Glacier",
      "Apple Juice: 10 oz Bottle | 64 oz Bottle",
      "Orange Juice: 10 oz Bottle | 52 oz Bottle",
      "Lemonade: 20 oz Bottle | 1 gal Jug",
      "Iced Tea: 18.5 oz Sweet | 18.5 oz Unsweetened",
    ],
  },
  {
    code: "COF",
    name: "Coffee & Tea",
    season: "winter",
    cost: [180, 4500],
    cases: [6, 12, 24],
    palletCases: 60,
    segments: { restaurant: 5, grocery: 5, institution: 4 },
    brands: ["Roastwell", "Harbor Point", "Summit Roasters"],
    products: [
      "Ground Coffee: Medium Roast 12 oz | Dark Roast 12 oz | Medium Roast 2.5 oz Frac Pack",
      "Whole Bean Coffee: House Blend 5 lb | Espresso 5 lb",
      "Single-Serve Coffee Pod, Box of 24: Breakfast Blend | French Roast | Decaf",
      "Black Tea Bags, Box of 100: Orange Pekoe | English Breakfast",
      "Green Tea Bags, Box of 100: Plain | Jasmine",
      "Coffee Creamer: Liquid Portion Cups 180 ct | Powder 35 oz",
    ],
  },
  {
    code: "CND",
    name: "Spices & Condiments",
    season: "summer",
    cost: [60, 1400],
    cases: [6, 12, 24],
    palletCases: 80,
    segments: { restaurant: 8, grocery: 6, institution: 1 },
    brands: FOOD,
    products: [
      "Ketchup: 20 oz Squeeze | #10 Can | 9 g Packet",
      "Yellow Mustard: 14 oz Squeeze | 1 gal Jug | 5.5 g Packet",
      "Mayonnaise: 30 oz Jar | 1 gal Jug | 12 g Packet",
      "Hot Sauce: 5 oz Bottle | 1 gal Jug",
      "Ground Black Pepper: 4 oz Tin | 18 oz Shaker",
      "Iodized Salt: 26 oz Canister | 25 lb Bag",
      "Garlic Powder: 3 oz Jar | 19 oz Shaker",
      "Ranch Dressing: 16 oz Bottle | 1 gal Jug",
    ],
  },
  {
    code: "BAK",
    name: "Baking Supplies",
    season: "holiday",
    cost: [120, 3200],
    cases: [6, 8, 12],
    palletCases: 50,
    segments: { grocery: 6, restaurant: 4 },
    brands: FOOD,
    products: [
      "All-Purpose Flour: 5 lb Bag | 25 lb Bag | 50 lb Bag",
      "Granulated Sugar: 4 lb Bag | 25 lb Bag | 50 lb Bag",
      "Brown Sugar: 2 lb Bag | 25 lb Bag",
      "Baking Soda: 1 lb Box | 12 lb Bag",
      "Vegetable Oil: 48 oz Bottle | 35 lb Jug",
      "Chocolate Chips: 12 oz Bag | 25 lb Case",
      "Pure Vanilla Extract: 2 oz | 16 oz",
    ],
  },
  {
    code: "PAP",
    name: "Paper Goods",
    season: "winter",
    cost: [150, 2800],
    cases: [1, 6, 12, 24, 30],
    palletCases: 40,
    segments: { institution: 10, restaurant: 6, grocery: 5, hardware: 2, contractor: 1 },
    brands: ["Softleaf", "Brightwell", "Northwood"],
    products: [
      "Bath Tissue 2-Ply: Standard Roll 500 sheets | Jumbo Roll 9 in",
      "Multifold Paper Towel, Pack of 250: White | Natural",
      "Hardwound Roll Towel: 8 in x 800 ft White | 8 in x 800 ft Natural",
      "Kitchen Roll Towel: 2-Ply 85 sheets | 2-Ply 250 sheets",
      "Facial Tissue: Flat Box 100 ct | Cube Box 85 ct",
      "Center-Pull Towel: 2-Ply 600 sheets | 1-Ply 800 sheets",
      "Toilet Seat Cover, Pack of 250: Half-Fold",
    ],
  },
  {
    code: "JCH",
    name: "Janitorial Chemicals",
    season: "winter",
    cost: [250, 7500],
    cases: [1, 4, 6, 12],
    palletCases: 48,
    segments: { institution: 10, restaurant: 5, grocery: 3, hardware: 3, contractor: 1 },
    brands: CLEAN,
    products: [
      "Neutral Floor Cleaner: 32 oz RTU | 1 gal Concentrate | 5 gal Pail",
      "Glass Cleaner: 32 oz RTU | 1 gal Concentrate",
      "Disinfectant Cleaner: 32 oz RTU | 1 gal Concentrate | 2 L Dispenser Refill",
      "Degreaser: 32 oz RTU | 1 gal Concentrate | 5 gal Pail",
      "Bleach Germicidal: 121 oz | 1 gal",
      "Bowl Cleaner, Acid: 32 oz",
      "Foaming Hand Soap: 1000 mL Refill | 1250 mL Refill | 7.5 oz Pump",
      "Hand Sanitizer Gel: 8 oz Pump | 1200 mL Refill",
    ],
  },
  {
    code: "JEQ",
    name: "Janitorial Equipment",
    season: "winter",
    cost: [150, 18500],
    cases: [1, 6, 12],
    palletCases: 0,
    segments: { institution: 7, restaurant: 3, hardware: 3, contractor: 1 },
    brands: CLEAN,
    products: [
      "Wet Mop Head, Cotton: 16 oz | 24 oz | 32 oz",
      "Microfiber Flat Mop Pad: 18 in | 24 in",
      "Mop Bucket with Wringer: 26 qt Yellow | 35 qt Yellow",
      "Angle Broom: Standard | Large",
      "Push Broom: 18 in | 24 in | 36 in",
      "Lobby Dust Pan with Handle: Black",
      "Toilet Bowl Brush with Caddy: White",
      "Wet Floor Sign: 2-Sided Yellow | 4-Sided Cone",
    ],
  },
  {
    code: "TRL",
    name: "Trash Liners",
    season: "flat",
    cost: [900, 6200],
    cases: [1],
    palletCases: 40,
    segments: { institution: 7, restaurant: 6, grocery: 3, contractor: 2, hardware: 2 },
    brands: ["Tuffbag", "Crestline", "Northwood"],
    products: [
      "High-Density Can Liner, Case of 500: 24x33 8 mic Clear | 33x40 13 mic Clear | 38x58 16 mic Black",
      "Low-Density Can Liner, Case of 250: 24x32 0.5 mil | 33x39 0.9 mil Black | 40x46 1.5 mil Black | 38x58 1.2 mil Black",
      "Contractor Trash Bag, Case of 50: 42 gal 3 mil Black | 55 gal 3 mil Black",
      "Recycling Liner, Case of 250: 33 gal Blue | 45 gal Blue",
    ],
  },
  {
    code: "PPE",
    name: "Gloves & Safety",
    season: "flat",
    cost: [90, 6500],
    cases: [1, 10, 12],
    palletCases: 60,
    segments: { contractor: 7, restaurant: 5, institution: 4, hardware: 5, grocery: 1 },
    brands: ["Guardwell", "IronHorse", "Crestline"],
    products: [
      "Nitrile Exam Gloves, Box of 100: Small | Medium | Large | X-Large",
      "Vinyl Food Service Gloves, Box of 100: Medium | Large",
      "Cut-Resistant Work Gloves, Pair: Medium | Large | X-Large",
      "Safety Glasses: Clear Lens | Smoke Lens | Anti-Fog",
      "Hi-Vis Safety Vest: Class 2 M/L | Class 2 XL/2XL",
      "Disposable Ear Plugs, Box of 200: NRR 32",
      "Hard Hat, Ratchet Suspension: White | Yellow",
    ],
  },
  ...BUILDING_CATEGORIES,
];
