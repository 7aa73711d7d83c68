// Reference data for the demo customers: warehouses, reps, and per-segment buying profiles and names.
import type { Segment } from "./catalog-data.ts";
import type { Region } from "./places.ts";

export type Channel = "desk" | "portal" | "rep" | "edi" | "email" | "csv" | "api";

export const WAREHOUSES: {
  code: string;
  name: string;
  cityIndex: number;
  line1: string;
  zip: string;
  regions: Region[];
}[] = [
  {
    code: "CMH",
    name: "Columbus Distribution Center",
    cityIndex: 0,
    line1: "4800 Fisher Rd",
    zip: "43228",
    regions: ["Midwest", "Northeast"],
  },
  {
    code: "ATL",
    name: "Atlanta Distribution Center",
    cityIndex: 16,
    line1: "1650 Westgate Pkwy SW",
    zip: "30336",
    regions: ["Southeast", "South Central"],
  },
  {
    code: "RNO",
    name: "Reno Distribution Center",
    cityIndex: 37,
    line1: "555 Vista Blvd",
    zip: "89434",
    regions: ["West"],
  },
];

export const REPS: { name: string; region: Region }[] = [
  { name: "Dana Whitfield", region: "Midwest" },
  { name: "Marcus Bell", region: "Midwest" },
  { name: "Irene Castillo", region: "Northeast" },
  { name: "Tom Okafor", region: "Southeast" },
  { name: "Leah Brandt", region: "Southeast" },
  { name: "Ray Delgado", region: "South Central" },
  { name: "Nina Park", region: "West" },
  { name: "Sam Holloway", region: "West" },
];

export type SegmentProfile = {
  group: [code: string, name: string];
  count: number;
  terms: [terms: string, days: number][];
  creditCents: [number, number];
  ordersPerMonth: number;
  linesMean: number;
  lineValueCents: number;
  discountBp: [number, number];
  assortment: [number, number];
  channels: Partial<Record<Channel, number>>;
};

export const SEGMENTS: Record<Segment, SegmentProfile> = {
  grocery: {
    group: ["GROCERY", "Grocery chains (EDI)"],
    count: 6,
    terms: [
      ["NET45", 45],
      ["2%10NET30", 30],
      ["NET60", 60],
    ],
    creditCents: [25_000_000, 120_000_000],
    ordersPerMonth: 22,
    linesMean: 28,
    lineValueCents: 40_000,
    discountBp: [1200, 1800],
    assortment: [250, 450],
    channels: { edi: 94, email: 4, desk: 2 },
  },
  restaurant: {
    group: ["RESTAURANT", "Independent restaurants"],
    count: 55,
    terms: [
      ["NET15", 15],
      ["NET30", 30],
      ["COD", 0],
    ],
    creditCents: [500_000, 3_000_000],
    ordersPerMonth: 4.5,
    linesMean: 9,
    lineValueCents: 9_000,
    discountBp: [0, 500],
    assortment: [40, 120],
    channels: { portal: 35, rep: 25, desk: 25, email: 15 },
  },
  contractor: {
    group: ["CONTRACTOR", "Contractors"],
    count: 35,
    terms: [
      ["NET30", 30],
      ["NET30", 30],
      ["2%10NET30", 30],
    ],
    creditCents: [1_500_000, 12_000_000],
    ordersPerMonth: 3,
    linesMean: 6,
    lineValueCents: 22_000,
    discountBp: [500, 1200],
    assortment: [60, 180],
    channels: { desk: 35, rep: 25, portal: 20, email: 15, api: 5 },
  },
  hardware: {
    group: ["HARDWARE", "Hardware stores"],
    count: 34,
    terms: [
      ["2%10NET30", 30],
      ["NET30", 30],
      ["NET45", 45],
    ],
    creditCents: [2_500_000, 15_000_000],
    ordersPerMonth: 3.5,
    linesMean: 18,
    lineValueCents: 16_000,
    discountBp: [800, 1500],
    assortment: [200, 500],
    channels: { portal: 35, csv: 20, rep: 25, desk: 10, api: 10 },
  },
  institution: {
    group: ["INSTITUTION", "Schools, hospitals & facilities"],
    count: 20,
    terms: [
      ["NET45", 45],
      ["NET60", 60],
      ["NET30", 30],
    ],
    creditCents: [5_000_000, 25_000_000],
    ordersPerMonth: 2.5,
    linesMean: 12,
    lineValueCents: 20_000,
    discountBp: [300, 1000],
    assortment: [60, 160],
    channels: { portal: 40, email: 20, desk: 20, api: 20 },
  },
};

export const CHAIN_NAMES = [
  "FreshWay",
  "Harvest Basket",
  "Greenleaf",
  "Sunnyside",
  "Valley Fare",
  "Corner Pantry",
  "Hometown",
  "Riverbend",
  "Golden Cart",
  "Maple Leaf",
  "Blue Bonnet",
  "Northstar",
];
export const CHAIN_SUFFIX = ["Markets", "Foods", "Grocers", "Supermarkets", "Food Stores"];
export const RESTAURANT_A = [
  "Copper",
  "Blue",
  "Golden",
  "Rustic",
  "Little",
  "Old",
  "Smoky",
  "Green",
  "Silver",
  "Harbor",
  "Red",
  "Wild",
];
export const RESTAURANT_B = [
  "Kettle",
  "Fin",
  "Spoon",
  "Oak",
  "Lantern",
  "Table",
  "Pig",
  "Olive",
  "Fork",
  "Anchor",
  "Barn",
  "Sage",
];
export const RESTAURANT_KIND = [
  "Bistro",
  "Grill",
  "Kitchen",
  "Tavern",
  "Diner",
  "Cafe",
  "Trattoria",
  "Taqueria",
  "BBQ",
  "Sushi Bar",
  "Pizzeria",
];
export const CONTRACTOR_KIND = [
  "Construction",
  "Electric",
  "Plumbing & Heating",
  "Builders",
  "Mechanical",
  "Roofing & Siding",
  "Renovations",
  "Facility Services",
];
export const INSTITUTION_KIND = [
  "Unified School District",
  "Memorial Hospital",
  "Community College",
  "County Facilities",
  "Senior Living",
  "Office Park Management",
];
