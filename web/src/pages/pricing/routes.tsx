// Routes of the staff pricing area, mounted under /desk/pricing.
import { Navigate, type RouteObject } from "react-router-dom";
import { ContractsPage } from "./ContractsPage";
import { ImportPage } from "./ImportPage";
import { LookupPage } from "./LookupPage";
import { PriceListDetailPage } from "./PriceListDetailPage";
import { PriceListsPage } from "./PriceListsPage";
import { PromotionsPage } from "./PromotionsPage";
import { TiersPage } from "./TiersPage";

export const pricingRoutes: RouteObject = {
  path: "pricing",
  children: [
    { index: true, element: <Navigate to="lookup" replace /> },
    { path: "lookup", element: <LookupPage /> },
    { path: "price-lists", element: <PriceListsPage /> },
    { path: "price-lists/:id", element: <PriceListDetailPage /> },
    { path: "contracts", element: <ContractsPage /> },
    { path: "tiers", element: <TiersPage /> },
    { path: "promotions", element: <PromotionsPage /> },
    { path: "import", element: <ImportPage /> },
  ],
};
