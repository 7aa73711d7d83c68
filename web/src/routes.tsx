import { createBrowserRouter, Navigate } from "react-router-dom";
import { RequireRole, RootRedirect } from "./auth/guards";
import { AppLayout } from "./layout/AppLayout";
import { ORDER_ENTRY_ROLES } from "./lib/status";
import { ediRoutes } from "./pages/edi/routes";
import { exceptionsRoutes } from "./pages/exceptions/routes";
import { inboundRoutes } from "./pages/inbound/routes";
import { NotFoundPage } from "./pages/NotFoundPage";
import { NewOrderPage } from "./pages/new-order/NewOrderPage";
import { MailPage } from "./pages/notifications/MailPage";
import { OrderDetailPage } from "./pages/orders/OrderDetailPage";
import { OrdersListPage } from "./pages/orders/OrdersListPage";
import { pricingRoutes } from "./pages/pricing/routes";
import { SignInPage } from "./pages/SignInPage";

const STAFF = ["admin", "order_desk", "sales_rep", "sales_manager", "finance", "warehouse"] as const;

export const router = createBrowserRouter([
  { path: "/", element: <RootRedirect /> },
  { path: "/signin", element: <SignInPage /> },
  {
    path: "/desk",
    element: (
      <RequireRole roles={STAFF}>
        <AppLayout area="desk" />
      </RequireRole>
    ),
    children: [
      { index: true, element: <Navigate to="orders" replace /> },
      { path: "orders", element: <OrdersListPage area="desk" /> },
      {
        path: "orders/new",
        element: (
          <RequireRole roles={ORDER_ENTRY_ROLES} fallback="/desk/orders">
            <NewOrderPage />
          </RequireRole>
        ),
      },
      { path: "orders/:id", element: <OrderDetailPage area="desk" /> },
      exceptionsRoutes,
      {
        path: "mail",
        element: (
          <RequireRole roles={["admin"]} fallback="/desk/orders">
            <MailPage />
          </RequireRole>
        ),
      },
      pricingRoutes,
      ediRoutes,
      inboundRoutes,
      { path: "*", element: <NotFoundPage /> },
    ],
  },
  {
    path: "/portal",
    element: (
      <RequireRole roles={["buyer"]}>
        <AppLayout area="portal" />
      </RequireRole>
    ),
    children: [
      { index: true, element: <Navigate to="orders" replace /> },
      { path: "orders", element: <OrdersListPage area="portal" /> },
      { path: "orders/:id", element: <OrderDetailPage area="portal" /> },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
  { path: "*", element: <NotFoundPage standalone /> },
]);
