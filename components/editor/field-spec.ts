// Serializable descriptions of editor form fields (server pages build them; the client form renders them).

export type Option = { value: string; label: string };

export type FieldSpec =
  | {
      kind: "text" | "email" | "password" | "date" | "time" | "url" | "number";
      name: string;
      label: string;
      hint?: string;
      required?: boolean;
      autoComplete?: string;
    }
  | { kind: "textarea"; name: string; label: string; hint?: string; rows?: number; required?: boolean }
  | { kind: "select"; name: string; label: string; options: Option[]; hint?: string; blank?: string; required?: boolean }
  | { kind: "checkbox"; name: string; label: string; hint?: string }
  | { kind: "pairs"; legend: string; first: { name: string; label: string; options: Option[] }; second: { name: string; label: string; options: Option[] }; rows: number }
  | { kind: "section"; title: string };
