// Places and people for demo addresses and contacts. Cities are real (approximate centre
// coordinates and a real ZIP prefix); street numbers and names are invented.
import type { Rng } from "./random.ts";

export type Region = "Midwest" | "Northeast" | "Southeast" | "South Central" | "West";

export type City = { city: string; state: string; zip: string; lat: number; lon: number; region: Region };

export const CITIES: readonly City[] = [
  { city: "Columbus", state: "OH", zip: "432", lat: 39.9612, lon: -82.9988, region: "Midwest" },
  { city: "Cincinnati", state: "OH", zip: "452", lat: 39.1031, lon: -84.512, region: "Midwest" },
  { city: "Cleveland", state: "OH", zip: "441", lat: 41.4993, lon: -81.6944, region: "Midwest" },
  { city: "Indianapolis", state: "IN", zip: "462", lat: 39.7684, lon: -86.1581, region: "Midwest" },
  { city: "Fort Wayne", state: "IN", zip: "468", lat: 41.0793, lon: -85.1394, region: "Midwest" },
  { city: "Louisville", state: "KY", zip: "402", lat: 38.2527, lon: -85.7585, region: "Midwest" },
  { city: "Detroit", state: "MI", zip: "482", lat: 42.3314, lon: -83.0458, region: "Midwest" },
  { city: "Grand Rapids", state: "MI", zip: "495", lat: 42.9634, lon: -85.6681, region: "Midwest" },
  { city: "Chicago", state: "IL", zip: "606", lat: 41.8781, lon: -87.6298, region: "Midwest" },
  { city: "Milwaukee", state: "WI", zip: "532", lat: 43.0389, lon: -87.9065, region: "Midwest" },
  { city: "Pittsburgh", state: "PA", zip: "152", lat: 40.4406, lon: -79.9959, region: "Northeast" },
  { city: "Philadelphia", state: "PA", zip: "191", lat: 39.9526, lon: -75.1652, region: "Northeast" },
  { city: "Buffalo", state: "NY", zip: "142", lat: 42.8864, lon: -78.8784, region: "Northeast" },
  { city: "Albany", state: "NY", zip: "122", lat: 42.6526, lon: -73.7562, region: "Northeast" },
  { city: "Hartford", state: "CT", zip: "061", lat: 41.7658, lon: -72.6734, region: "Northeast" },
  { city: "Newark", state: "NJ", zip: "071", lat: 40.7357, lon: -74.1724, region: "Northeast" },
  { city: "Atlanta", state: "GA", zip: "303", lat: 33.749, lon: -84.388, region: "Southeast" },
  { city: "Savannah", state: "GA", zip: "314", lat: 32.0809, lon: -81.0912, region: "Southeast" },
  { city: "Charlotte", state: "NC", zip: "282", lat: 35.2271, lon: -80.8431, region: "Southeast" },
  { city: "Raleigh", state: "NC", zip: "276", lat: 35.7796, lon: -78.6382, region: "Southeast" },
  { city: "Greenville", state: "SC", zip: "296", lat: 34.8526, lon: -82.394, region: "Southeast" },
  { city: "Nashville", state: "TN", zip: "372", lat: 36.1627, lon: -86.7816, region: "Southeast" },
  { city: "Knoxville", state: "TN", zip: "379", lat: 35.9606, lon: -83.9207, region: "Southeast" },
  { city: "Birmingham", state: "AL", zip: "352", lat: 33.5186, lon: -86.8104, region: "Southeast" },
  { city: "Jacksonville", state: "FL", zip: "322", lat: 30.3322, lon: -81.6557, region: "Southeast" },
  { city: "Orlando", state: "FL", zip: "328", lat: 28.5383, lon: -81.3792, region: "Southeast" },
  { city: "Tampa", state: "FL", zip: "336", lat: 27.9506, lon: -82.4572, region: "Southeast" },
  { city: "Dallas", state: "TX", zip: "752", lat: 32.7767, lon: -96.797, region: "South Central" },
  { city: "Fort Worth", state: "TX", zip: "761", lat: 32.7555, lon: -97.3308, region: "South Central" },
  { city: "Houston", state: "TX", zip: "770", lat: 29.7604, lon: -95.3698, region: "South Central" },
  { city: "San Antonio", state: "TX", zip: "782", lat: 29.4241, lon: -98.4936, region: "South Central" },
  { city: "Austin", state: "TX", zip: "787", lat: 30.2672, lon: -97.7431, region: "South Central" },
  { city: "Oklahoma City", state: "OK", zip: "731", lat: 35.4676, lon: -97.5164, region: "South Central" },
  { city: "Little Rock", state: "AR", zip: "722", lat: 34.7465, lon: -92.2896, region: "South Central" },
  { city: "Sacramento", state: "CA", zip: "958", lat: 38.5816, lon: -121.4944, region: "West" },
  { city: "Fresno", state: "CA", zip: "937", lat: 36.7378, lon: -119.7871, region: "West" },
  { city: "Oakland", state: "CA", zip: "946", lat: 37.8044, lon: -122.2712, region: "West" },
  { city: "Reno", state: "NV", zip: "895", lat: 39.5296, lon: -119.8138, region: "West" },
  { city: "Las Vegas", state: "NV", zip: "891", lat: 36.1699, lon: -115.1398, region: "West" },
  { city: "Salt Lake City", state: "UT", zip: "841", lat: 40.7608, lon: -111.891, region: "West" },
  { city: "Boise", state: "ID", zip: "837", lat: 43.615, lon: -116.2023, region: "West" },
  { city: "Portland", state: "OR", zip: "972", lat: 45.5152, lon: -122.6784, region: "West" },
  { city: "Phoenix", state: "AZ", zip: "850", lat: 33.4484, lon: -112.074, region: "West" },
  { city: "Denver", state: "CO", zip: "802", lat: 39.7392, lon: -104.9903, region: "West" },
];

const STREETS = [
  "Main",
  "Oak",
  "Maple",
  "Cedar",
  "Elm",
  "Washington",
  "Lincoln",
  "Park",
  "Lake",
  "Hill",
  "Industrial",
  "Commerce",
  "Market",
  "Mill",
  "River",
  "Church",
  "Spring",
  "Highland",
  "Franklin",
  "Jefferson",
  "Madison",
  "Sunset",
  "Ridge",
  "Airport",
  "Railroad",
  "Harbor",
  "Pine",
  "Walnut",
  "Chestnut",
  "Union",
];
const STREET_TYPES = ["St", "Ave", "Rd", "Blvd", "Dr", "Pkwy", "Way", "Ln", "Ct"];

export const FIRST_NAMES = [
  "James",
  "Maria",
  "Robert",
  "Linda",
  "Michael",
  "Patricia",
  "David",
  "Jennifer",
  "Carlos",
  "Aisha",
  "Daniel",
  "Emily",
  "Kevin",
  "Priya",
  "Thomas",
  "Sarah",
  "Brian",
  "Mei",
  "Jason",
  "Laura",
  "Marcus",
  "Rachel",
  "Anthony",
  "Nicole",
  "Luis",
  "Hannah",
  "Eric",
  "Grace",
  "Tyrone",
  "Olivia",
  "Samuel",
  "Fatima",
  "Ryan",
  "Megan",
  "Andre",
  "Julia",
  "Victor",
  "Chloe",
  "Derek",
  "Sofia",
];
export const LAST_NAMES = [
  "Anderson",
  "Brooks",
  "Carter",
  "Diaz",
  "Edwards",
  "Foster",
  "Garcia",
  "Hughes",
  "Iverson",
  "Jensen",
  "Kowalski",
  "Lopez",
  "Mitchell",
  "Nguyen",
  "Okafor",
  "Patel",
  "Quinn",
  "Ramirez",
  "Sullivan",
  "Thompson",
  "Underwood",
  "Vasquez",
  "Walker",
  "Xu",
  "Young",
  "Zimmerman",
  "Baker",
  "Coleman",
  "Dunn",
  "Ellis",
  "Fischer",
  "Greene",
  "Hoffman",
  "Kim",
  "Larsen",
  "Morales",
  "Novak",
  "Ortiz",
  "Price",
  "Reyes",
];

/** latMicro/lonMicro are micro-degrees (integers), so coordinates stay exact to 6 decimals. */
export type Address = {
  line1: string;
  city: string;
  region: string;
  postalCode: string;
  latMicro: number;
  lonMicro: number;
};

/** A plausible street address in `city`, jittered a few km around the city centre. */
export function makeAddress(rng: Rng, city: City, industrial = false): Address {
  const street = industrial
    ? `${rng.int(1000, 9800)} ${rng.pick(["Industrial", "Commerce", "Distribution", "Logistics", "Enterprise"])} ${rng.pick(["Pkwy", "Dr", "Blvd", "Way"])}`
    : `${rng.int(10, 9899)} ${rng.pick(STREETS)} ${rng.pick(STREET_TYPES)}`;
  return {
    line1: street,
    city: city.city,
    region: city.state,
    postalCode: city.zip + String(rng.int(1, 99)).padStart(2, "0"),
    latMicro: Math.round(city.lat * 1e6) + rng.int(-60000, 60000),
    lonMicro: Math.round(city.lon * 1e6) + rng.int(-60000, 60000),
  };
}

/** Micro-degrees → "39.961200" for numeric(9,6). */
export function degrees(micro: number): string {
  const sign = micro < 0 ? "-" : "";
  const abs = String(Math.abs(micro)).padStart(7, "0");
  return `${sign}${abs.slice(0, -6)}.${abs.slice(-6)}`;
}

export function personName(rng: Rng): { first: string; last: string; full: string } {
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  return { first, last, full: `${first} ${last}` };
}

export function phone(rng: Rng): string {
  return `(${rng.int(201, 989)}) 555-${String(rng.int(100, 199)).padStart(4, "0")}`;
}

export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/&/g, "and")
    .replace(/['’]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}
