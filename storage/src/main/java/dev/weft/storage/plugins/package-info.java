/**
 * The plugin marketplace and the accounting of AI runs, over the tables of {@code V5__plugins.sql}:
 * {@link dev.weft.storage.plugins.PluginRepository} (published plugins, their tags, their installations on
 * documents or on the whole server) and {@link dev.weft.storage.plugins.CreditRepository} (each user's credit
 * balance and the usage of every AI call). Nothing here checks who may do what, or whether a manifest is valid:
 * the server has, before it calls.
 */
package dev.weft.storage.plugins;
