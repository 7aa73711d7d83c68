// Routes of the staff inbound area (purchase orders), mounted under /desk/inbound (every staff role
// reads; recording and receiving are offered to admin and warehouse only, as the API allows).
import type { RouteObject } from "react-router-dom";
import { PurchaseOrderPage } from "./PurchaseOrderPage";
import { PurchaseOrdersPage } from "./PurchaseOrdersPage";

export const inboundRoutes: RouteObject = {
  path: "inbound",
  children: [
    { index: true, element: <PurchaseOrdersPage /> },
    { path: ":id", element: <PurchaseOrderPage /> },
  ],
};
