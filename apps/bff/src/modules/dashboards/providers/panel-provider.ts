import { Injectable, type Type } from '@nestjs/common';
import type { Locale, Permission } from '@portico/domain';
import type { z } from 'zod';
import type { AccountContext } from '../../../core/auth';
import type { PanelTranslator } from '../i18n/panel-translator';

/**
 * What a provider is asked for: the account, the dashboard's range `[from, to)`, the instant of the read, and the
 * reader's language with its words and formats (numbers, units and dates in a view or an image follow it).
 */
export interface PanelProviderContext {
  account: AccountContext;
  from: Date;
  to: Date;
  now: Date;
  locale: Locale;
  translator: PanelTranslator;
}

/** An image a provider rendered: SVG as text, PNG as base64; `width`/`height` in CSS pixels. */
export interface RenderedImage {
  mediaType: 'image/svg+xml' | 'image/png';
  body: string;
  width: number;
  height: number;
}

/** A provider of `template` panels: returns the view the panel's Mustache template is rendered with. */
export interface TemplatePanelProvider<P = unknown> {
  data(params: P, ctx: PanelProviderContext): Promise<Record<string, unknown>>;
}

/** A provider of `image` panels: renders the image on the server. */
export interface ImagePanelProvider<P = unknown> {
  render(params: P, ctx: PanelProviderContext): Promise<RenderedImage>;
}

/** How a provider class is registered (see {@link PanelProvider}). */
export interface PanelProviderOptions<S extends z.ZodType> {
  /** The name panels use (`provider: <name>`): lower-case letters, digits, `-` and `_`. */
  name: string;
  kind: 'template' | 'image';
  /** The panel's `params`, validated at start-up (each problem at its file position) and parsed on every read. */
  params: S;
  /** The permission a member needs to read the panel's data (like the route the data comes from). */
  permission: Permission;
  description: string;
}

/** A registered provider class and its options. */
export interface RegisteredPanelProvider extends PanelProviderOptions<z.ZodType> {
  type: Type<TemplatePanelProvider | ImagePanelProvider>;
}

/** Every class decorated with {@link PanelProvider}, by name. Filled when the provider files are imported. */
class PanelProviderRegistry {
  private readonly byName = new Map<string, RegisteredPanelProvider>();

  register(entry: RegisteredPanelProvider): void {
    const existing = this.byName.get(entry.name);
    if (existing && existing.type !== entry.type)
      throw new Error(
        `panel provider ${entry.name} is registered twice (${existing.type.name}, ${entry.type.name})`,
      );
    this.byName.set(entry.name, entry);
  }

  get(name: string): RegisteredPanelProvider | undefined {
    return this.byName.get(name);
  }

  names(): string[] {
    return [...this.byName.keys()].sort();
  }

  /** The provider classes, for the dashboards module's providers (dependency injection). */
  types(): Array<Type<TemplatePanelProvider | ImagePanelProvider>> {
    return [...this.byName.values()].map((e) => e.type);
  }
}

export const panelProviderRegistry = new PanelProviderRegistry();

/**
 * Registers a class as a custom panel provider and makes it injectable. The class implements
 * {@link TemplatePanelProvider} (`kind: 'template'`) or {@link ImagePanelProvider} (`kind: 'image'`) and lives in
 * `src/modules/dashboards/providers/`, exported from that folder's `index.ts`.
 */
export function PanelProvider<S extends z.ZodType>(options: PanelProviderOptions<S>): ClassDecorator {
  return (target) => {
    Injectable()(target);
    panelProviderRegistry.register({
      ...options,
      type: target as unknown as Type<TemplatePanelProvider | ImagePanelProvider>,
    });
  };
}
