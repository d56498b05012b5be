package org.imapferry.protocol.response;

/**
 * One decoded server response, other than the streamed parts of a body section (those arrive
 * as {@link org.imapferry.protocol.literal.BodySectionStart} and
 * {@link org.imapferry.protocol.literal.LiteralChunk} events before their {@link FetchData}).
 *
 * <pre>response = *(continue-req / response-data) response-done</pre>  (RFC 3501 §9)
 */
public sealed interface ImapResponse
        permits TaggedResponse,
                UntaggedStatus,
                ContinuationRequest,
                CapabilityData,
                EnabledData,
                IdData,
                ListData,
                NamespaceData,
                StatusData,
                SearchData,
                EsearchData,
                FlagsData,
                ExistsData,
                RecentData,
                ExpungeData,
                VanishedData,
                FetchData,
                UnknownData,
                MalformedResponse {}
