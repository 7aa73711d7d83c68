// Routes of the staff exceptions inbox, mounted under /desk/exceptions (every staff role).
import type { RouteObject } from "react-router-dom";
import { ExceptionsPage } from "./ExceptionsPage";

export const exceptionsRoutes: RouteObject = {
  path: "exceptions",
  children: [
    { index: true, element: <ExceptionsPage /> },
    // The drawer over the inbox; notifications link here (workflow/records.ts exceptionLink).
    { path: ":id", element: <ExceptionsPage /> },
  ],
};
