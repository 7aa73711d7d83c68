// Routes of the staff EDI area, mounted under /desk/edi (admin and order desk only).
import { Navigate, type RouteObject } from "react-router-dom";
import { RequireRole } from "../../auth/guards";
import { EDI_ROLES } from "./api";
import { EdiMessageDetailPage } from "./EdiMessageDetailPage";
import { EdiMessagesPage } from "./EdiMessagesPage";
import { EdiPartnerEditPage } from "./EdiPartnerEditPage";
import { EdiPartnersPage } from "./EdiPartnersPage";

const guard = (element: React.ReactNode) => (
  <RequireRole roles={EDI_ROLES} fallback="/desk/orders">
    {element}
  </RequireRole>
);

export const ediRoutes: RouteObject = {
  path: "edi",
  children: [
    { index: true, element: <Navigate to="messages" replace /> },
    { path: "messages", element: guard(<EdiMessagesPage />) },
    { path: "messages/:id", element: guard(<EdiMessageDetailPage />) },
    { path: "partners", element: guard(<EdiPartnersPage />) },
    { path: "partners/:id", element: guard(<EdiPartnerEditPage />) },
  ],
};
