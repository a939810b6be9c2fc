import { type ChangeEvent, useState } from 'react';
import type { FieldErrors } from './validation';

type StringKeys<V> = { [K in keyof V]: V[K] extends string ? K : never }[keyof V] & string;

/**
 * The values of a controlled form and the errors shown beside its fields. `set` changes one value
 * and clears that field's error; `bind` gives a TextField or SelectField its name, value,
 * onChange and error.
 */
export function useFormValues<V extends object>(initial: V | (() => V)) {
  type F = keyof V & string;
  const [values, setValues] = useState<V>(initial);
  const [errors, setErrors] = useState<FieldErrors<F>>({});
  const set = <K extends F>(key: K, value: V[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => (e[key] ? { ...e, [key]: undefined } : e));
  };
  const bind = <K extends StringKeys<V>>(key: K) => ({
    name: key,
    value: values[key] as string,
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => set(key, e.target.value as V[K]),
    error: errors[key],
  });
  return { values, setValues, errors, setErrors, set, bind };
}
